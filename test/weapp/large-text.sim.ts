/**
 * The large-text mode in WeChat: on by itself when the person enlarged WeChat's font size, until
 * they choose otherwise with the switch at the top of the home page; every page follows it.
 */
import { WORKER } from './demo-cases'
import { startWeapp, type Weapp } from './harness'

let w: Weapp
beforeAll(async () => {
  w = await startWeapp()
  w.as(WORKER)
}, 120000)
afterAll(() => w.close())

const isLarge = (root: Element | null) => Boolean(root && /(^|\s|--)large-text(\s|$)/.test(root.getAttribute('class') ?? ''))

test('an enlarged WeChat font turns the large-text mode on; the named switch turns it off for good', async () => {
  w.answers.fontSizeSetting = 23
  const home = await w.open('pages/home/index')
  await home.until((t) => t.includes('大字模式'), 'the switch')
  expect(isLarge(home.all('page')[0] ?? null)).toBe(true)
  // The switch is first, before the entries, and says it is on.
  expect(home.text().indexOf('大字模式')).toBeLessThan(home.text().indexOf('困难自测'))
  expect(home.text()).toContain('已开启')
  home.tap(home.all('large-switch__title')[0])
  await home.until((t) => t.includes('放大文字和按钮'), 'switched off')
  expect(isLarge(home.all('page')[0] ?? null)).toBe(false)
  home.detach()

  // Another page, the font still enlarged: the person's own choice holds.
  const form = await w.open('apply/self-check/index')
  await form.until((t) => t.includes('家庭人口'), 'the self-check')
  expect(isLarge(form.all('page')[0] ?? null)).toBe(false)
  form.detach()
})

test('every worker page follows the mode once it is on', async () => {
  w.answers.fontSizeSetting = 17
  const home = await w.open('pages/home/index')
  await home.until((t) => t.includes('大字模式'), 'the switch')
  home.tap(home.all('large-switch__title')[0])
  await home.until((t) => t.includes('已开启'), 'switched on')
  home.detach()
  for (const route of ['pages/my-applications/index', 'pages/messages/index', 'pages/stations/index', 'apply/self-check/index']) {
    const page = await w.open(route)
    await page.until((t) => t.length > 0, route)
    expect({ route, large: isLarge(page.all('page')[0] ?? null) }).toEqual({ route, large: true })
    page.detach()
  }
})

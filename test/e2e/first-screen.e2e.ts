import type { Page } from 'playwright-core'
import { startE2E, type E2E } from './harness'
import { signInStaff } from './page-helpers'
import { pageProblems } from './worker-checks'

/** The H5 first screen: sent compressed, drawn in the right order and size, asking who is signed in once. */
describe('the home page as the first screen', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()))
  afterAll(() => e2e?.close())

  /**
   * The sign-in's home page done with its own reads: the router's move to the home page's address
   * (which mounts the page again) and that mount's reads, which go out after the next paint.
   */
  async function settled(page: Page) {
    await page.waitForURL(/#\/pages\/home\/index/)
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(600)
  }

  /** Counts the page's `me` calls and notes how the scripts arrived, from now on. */
  function watch(page: Page) {
    const seen = { me: 0, scripts: [] as string[] }
    page.on('request', (req) => {
      if (req.method() === 'POST' && new URL(req.url()).pathname === '/api/account' && (JSON.parse(req.postData() ?? '{}') as { action?: string }).action === 'me') seen.me++
    })
    page.on('response', (res) => {
      if (new URL(res.url()).pathname.endsWith('.js')) seen.scripts.push(`${new URL(res.url()).pathname} ${res.headers()['content-encoding'] ?? 'identity'}`)
    })
    return seen
  }

  it('asks for the account once, sends its scripts in brotli and draws every entry, the switch first', async () => {
    const { page } = await e2e.newUser()
    await page.goto(`${e2e.app.url}/demo-login`)
    await page.click('[data-account=new-worker]')
    await page.locator('[data-entry=apply]').waitFor()
    await settled(page)

    const seen = watch(page)
    await page.reload()
    await page.locator('.demo-banner').getByText('新职工', { exact: false }).waitFor()
    await page.locator('[data-link=redeem]').waitFor()
    await page.waitForLoadState('networkidle')
    expect(seen.me).toBe(1)
    expect(seen.scripts.length).toBeGreaterThanOrEqual(3)
    expect(seen.scripts.filter((s) => !s.endsWith(' br'))).toEqual([])

    const order = await page.evaluate(() => Array.from(document.querySelectorAll('[data-setting=large-text], [data-entry]')).map((el) => el.getAttribute('data-entry') ?? 'switch'))
    expect(order).toEqual(['switch', 'self-check', 'apply', 'my-applications', 'messages', 'stations', 'notices'])
    expect(await pageProblems(page, 'normal')).toEqual([])
    await e2e.shot(page, 'first-screen-worker')
  })

  it('draws its first frame in large text when that was chosen, and the rest after it', async () => {
    const { page } = await e2e.newUser()
    await page.goto(`${e2e.app.url}/demo-login`)
    await page.click('[data-account=new-worker]')
    await page.locator('[data-setting=large-text]').click()
    await page.locator('.home.large-text').waitFor()

    // The home page's root as it first came into the document, before anything was painted.
    await page.addInitScript(
      `new MutationObserver((_, o) => { const home = document.querySelector('.home'); if (home) { window.__firstHome = { cls: home.className, tiles: document.querySelectorAll('[data-entry]').length, help: !!document.querySelector('.home__help') }; o.disconnect() } }).observe(document, { childList: true, subtree: true, attributes: true })`,
    )
    await page.reload()
    await page.locator('[data-link=redeem]').waitFor()
    const first = (await page.evaluate('window.__firstHome')) as { cls: string; tiles: number; help: boolean }
    expect(first.cls).toMatch(/\blarge-text\b/)
    expect(first.tiles).toBeLessThanOrEqual(5)
    expect(first.help).toBe(false)
    await expect(page.locator('[data-entry]').count()).resolves.toBe(6)
    expect(await pageProblems(page, 'large')).toEqual([])
    await e2e.shot(page, 'first-screen-large')
  })

  it('asks for the account once for staff too, whose tiles come first once the reply is in', async () => {
    const { page } = await signInStaff(e2e, 'caseworker')
    await settled(page)
    const seen = watch(page)
    await page.reload()
    await page.locator('[data-entry=households]').waitFor()
    await page.waitForLoadState('networkidle')
    expect(seen.me).toBe(1)
    const entries = await page.evaluate(() => Array.from(document.querySelectorAll('[data-entry]')).map((el) => el.getAttribute('data-entry')))
    expect(entries.slice(0, 3)).toEqual(['review-queue', 'households', 'dashboard'])
  })
})

/**
 * Every page that reads on show asks the server once per show. Taro's H5 router shows the current
 * page again on each `visibilitychange` to visible (sent at the document, as a browser sends it), which a browser may send while the page loads;
 * such a show with no hide before it asks nothing. Coming back to the app (a hide, then a show)
 * still reads the page afresh.
 */
describe('pages read once per show', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()))
  afterAll(() => e2e?.close())

  /** The API calls the page makes from now on, as `function.action` and its input (a next page differs by its cursor). */
  function calls(page: Page): string[] {
    const seen: string[] = []
    page.on('request', (req) => {
      const path = new URL(req.url()).pathname
      if (req.method() !== 'POST' || !path.startsWith('/api/')) return
      const body = JSON.parse(req.postData() ?? '{}') as { action?: string; input?: unknown }
      seen.push(`${path.slice(5)}.${body.action} ${JSON.stringify(body.input ?? {})}`)
    })
    return seen
  }
  const actionOf = (call: string) => call.slice(0, call.indexOf(' '))
  const visibility = (page: Page, state: 'visible' | 'hidden') =>
    page.evaluate((s) => {
      Object.defineProperty(document, 'visibilityState', { value: s, configurable: true })
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))
    }, state)

  /** A show's reads go out at once, or after the next paint (afterPaint waits 500 ms at most): wait past that. */
  const pastAShow = (page: Page) => page.waitForTimeout(600)
  const repeats = (calls: string[]) => calls.filter((c, i) => calls.indexOf(c) !== i)

  /** Opens `route` (a fresh load of the app there), then shows it again without and with a hide before, counting its calls. */
  async function checkPage(page: Page, route: string, ready: string) {
    // Going to the page (Taro mounts it afresh even on the same address), then counting from a reload.
    await page.goto(`${e2e.app.url}/#/${route}`)
    await page.locator(ready).first().waitFor()
    await pastAShow(page)
    const seen = calls(page)
    await page.reload()
    await page.locator(ready).first().waitFor()
    await page.waitForLoadState('networkidle')
    await pastAShow(page)
    const first = seen.splice(0)
    expect({ route, read: first.length > 0, repeated: repeats(first) }).toEqual({ route, read: true, repeated: [] })

    await visibility(page, 'visible')
    await visibility(page, 'visible')
    await pastAShow(page)
    expect({ route, shownAgain: seen.splice(0) }).toEqual({ route, shownAgain: [] })

    await visibility(page, 'hidden')
    await visibility(page, 'visible')
    for (const end = Date.now() + 10_000; seen.length === 0 && Date.now() < end; ) await page.waitForTimeout(50)
    await pastAShow(page)
    const back = seen.splice(0)
    expect({ route, readAgain: back.length > 0, repeated: repeats(back), notBefore: back.filter((c) => !first.map(actionOf).includes(actionOf(c))) }).toEqual({ route, readAgain: true, repeated: [], notBefore: [] })
  }

  it('for a worker: home, my applications and messages', async () => {
    const { page } = await e2e.newUser()
    await page.goto(`${e2e.app.url}/demo-login`)
    await page.click('[data-account=worker]')
    await page.locator('[data-entry=apply]').waitFor()
    await checkPage(page, 'pages/home/index', '[data-entry=apply]')
    await checkPage(page, 'pages/my-applications/index', '.page')
    await checkPage(page, 'pages/messages/index', '.messages')
  })

  it('for a caseworker: the queue, notices, calls, households, campaigns and the dashboard', async () => {
    const { page } = await signInStaff(e2e, 'caseworker')
    for (const [route, ready] of [
      ['review/queue/index', '.queue'],
      ['review/notices/index', '.notices'],
      ['review/calls/index', '.calls'],
      ['households/list/index', '.hh-list'],
      ['households/campaigns/index', '.hh-campaigns'],
      ['dashboard/index/index', '.dash'],
    ]) await checkPage(page, route, ready)
  })

  it('for an admin: the stations, the pending ledger and the budgets', async () => {
    const { page } = await signInStaff(e2e, 'admin')
    for (const [route, ready] of [
      ['admin/stations/index', '[data-action=new-station]'],
      ['households/pending/index', '.hh-pending-page'],
      ['households/budgets/index', '.hh-budgets'],
    ]) await checkPage(page, route, ready)
  })
})

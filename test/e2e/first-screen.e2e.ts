import type { Page } from 'playwright-core'
import { startE2E, type E2E } from './harness'
import { signInStaff } from './page-helpers'
import { pageProblems } from './worker-checks'

/** The H5 first screen: sent compressed, drawn in the right order and size, asking who is signed in once. */
describe('the home page as the first screen', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()))
  afterAll(() => e2e?.close())

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
    const seen = watch(page)
    await page.reload()
    await page.locator('[data-entry=households]').waitFor()
    await page.waitForLoadState('networkidle')
    expect(seen.me).toBe(1)
    const entries = await page.evaluate(() => Array.from(document.querySelectorAll('[data-entry]')).map((el) => el.getAttribute('data-entry')))
    expect(entries.slice(0, 3)).toEqual(['review-queue', 'households', 'dashboard'])
  })
})

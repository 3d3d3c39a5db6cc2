import type { Page } from 'playwright-core'
import { startE2E, type E2E } from './harness'
import { PHONE, visible } from './page-helpers'
import { staffPageProblems } from './worker-checks'

/**
 * Every staff page of the review, households, admin and dashboard subpackages, opened with the
 * demo data by the demo admin (赵强: admin and reviewer) in normal mode: no raw codes, English
 * words or ISO dates, no serious or critical axe finding, and (the harness) no console error.
 */
/** The pages that need no id, with what shows once each is there. */
const PAGES: [route: string, ready: string][] = [
  ['/households/campaigns/index', '.page'],
  ['/households/pending/index', '.page'],
  ['/households/budgets/index', '.page'],
  ['/review/queue/index', '.page'],
  ['/review/notices/index', '.page'],
  ['/review/calls/index', '.page'],
  ['/admin/requests/index', '.page'],
  ['/admin/units/index', '[data-unit-card]'],
  ['/admin/invitations/index', '[data-form=invitation]'],
  ['/admin/staff/index', '.staff-list'],
  ['/admin/reports/index', '.page'],
  ['/admin/import/index', '[data-action=choose-file]'],
  ['/dashboard/index/index', '.page'],
]

describe('staff pages: words and accessibility', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()))
  afterAll(() => e2e?.close())

  /** Opens a route, waits for `ready`, and returns the problems found on it, prefixed with the route. */
  const visit = async (page: Page, route: string, ready: string, shot: string): Promise<string[]> => {
    await page.goto(`${e2e.app.url}/#${route}`)
    await visible(page, ready).waitFor()
    // Whatever it loads has come (no line saying it is still loading or checking).
    await page.waitForFunction(() => !Array.from(document.querySelectorAll('.state-text')).some((el) => el.getBoundingClientRect().width > 0 && /正在/.test(el.textContent ?? '')))
    await e2e.shot(page, shot)
    return (await staffPageProblems(page)).map((p) => `${route}: ${p}`)
  }
  /** The id a list's first row links to, from its `data-*` attribute. */
  const firstId = (page: Page, attr: string) => visible(page, `[${attr}]`).getAttribute(attr)

  it('the review, households, admin and dashboard pages the demo admin opens', async () => {
    const { page, context } = await e2e.newUser(PHONE)
    await page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/')}`)
    await page.click('[data-account=admin]')
    await page.locator('[data-entry=households]').waitFor()
    const problems: string[] = []
    problems.push(...(await visit(page, '/households/list/index', '[data-household]', 'staff-households')))
    const household = (await firstId(page, 'data-household'))!
    problems.push(...(await visit(page, `/households/detail/index?id=${household}`, '.page', 'staff-household')))
    for (const [route, ready] of PAGES) problems.push(...(await visit(page, route, ready, `staff-${route.split('/').slice(1, 3).join('-')}`)))
    expect(problems).toEqual([])
    await context.close()
  })
})

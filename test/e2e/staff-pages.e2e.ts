import type { Page } from 'playwright-core'
import { startE2E, type E2E } from './harness'
import { PHONE, visible } from './page-helpers'
import { staffPageProblems } from './worker-checks'

/**
 * Every staff page of the review, households, admin and dashboard subpackages, opened with the
 * demo data by the demo admin (赵强: admin and reviewer) in normal mode: no raw codes, English
 * words or ISO dates, no serious or critical axe finding, and (the harness) no console error.
 */
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
    problems.push(...(await visit(page, '/households/list/index', '[data-household]', 'staff-01-households')))
    const household = (await firstId(page, 'data-household'))!
    problems.push(...(await visit(page, `/households/detail/index?id=${household}`, '.page', 'staff-02-household')))
    problems.push(...(await visit(page, '/households/campaigns/index', '.page', 'staff-03-campaigns')))
    problems.push(...(await visit(page, '/households/pending/index', '.page', 'staff-04-pending')))
    problems.push(...(await visit(page, '/households/budgets/index', '.page', 'staff-05-budgets')))
    problems.push(...(await visit(page, '/review/queue/index', '.page', 'staff-06-queue')))
    problems.push(...(await visit(page, '/review/notices/index', '.page', 'staff-07-notices')))
    problems.push(...(await visit(page, '/review/calls/index', '.page', 'staff-08-calls')))
    problems.push(...(await visit(page, '/admin/requests/index', '.page', 'staff-09-requests')))
    problems.push(...(await visit(page, '/admin/units/index', '[data-unit-card]', 'staff-10-units')))
    problems.push(...(await visit(page, '/admin/invitations/index', '[data-form=invitation]', 'staff-11-invitations')))
    problems.push(...(await visit(page, '/admin/staff/index', '.staff-list', 'staff-12-staff')))
    problems.push(...(await visit(page, '/admin/reports/index', '.page', 'staff-13-reports')))
    problems.push(...(await visit(page, '/admin/import/index', '[data-action=choose-file]', 'staff-14-import')))
    problems.push(...(await visit(page, '/dashboard/index/index', '.page', 'staff-15-dashboard')))
    expect(problems).toEqual([])
    await context.close()
  })
})

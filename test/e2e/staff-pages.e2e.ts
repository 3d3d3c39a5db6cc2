import type { Page } from 'playwright-core'
import { handle } from '../../server/functions'
import { submission } from '../support/forms'
import { startE2E, type E2E } from './harness'
import { PHONE, visible } from './page-helpers'
import { RULES, pageProblems, staffPageProblems } from './worker-checks'

/**
 * Every staff page of the review, households, admin and dashboard subpackages, and the worker pages
 * no journey test measures in both modes, opened with the demo data by the demo admin (赵强: admin
 * and reviewer) on a 360-wide phone, in normal mode and then in large-text mode: no text under
 * 16 px and no target under 44 x 44 px (18 px and 60 x 60 px in large text), no raw codes, English
 * words or ISO dates, every clickable with a role and a name, no serious or critical axe finding,
 * and (the harness) no console error, the dashboard's also on a second visit. Then every worker
 * page (home, my applications, one application, messages, self-check, the form, stations, one
 * station) opened by the demo worker (张师傅) in both modes, by the same rules (`pageProblems`).
 */
/** The pages that need no id, with what shows once each is there. */
const PAGES: [route: string, ready: string][] = [
  ['/households/campaigns/index', '.page'],
  ['/households/pending/index', '.page'],
  ['/households/budgets/index', '.page'],
  ['/review/queue/index', '.page'],
  ['/review/notices/index', '.page'],
  ['/review/calls/index', '.page'],
  ['/review/redeem/index', '.page'],
  ['/admin/requests/index', '.page'],
  ['/admin/units/index', '[data-unit-card]'],
  ['/admin/invitations/index', '[data-form=invitation]'],
  ['/admin/staff/index', '.staff-list'],
  ['/admin/reports/index', '.page'],
  ['/admin/import/index', '[data-action=choose-file]'],
  ['/admin/station-edit/index', '.page'],
  ['/dashboard/index/index', '.page'],
  ['/pages/home/index', '[data-entry=households]'],
  ['/pages/my-applications/index', '.page'],
  ['/pages/messages/index', '.page'],
  ['/apply/self-check/index', '.page'],
]

/** Pages opened from a list's first row: the list, the row's `data-*` attribute, and the route it opens with that id. */
const FROM_LISTS: [list: string, attr: string, route: (id: string) => string][] = [
  ['/households/list/index', 'data-household', (id) => `/households/detail/index?id=${encodeURIComponent(id)}`],
  ['/review/queue/index', 'data-case', (id) => `/review/case/index?id=${encodeURIComponent(id)}`],
  ['/admin/stations/index', 'data-station-id', (id) => `/admin/station-edit/index?id=${encodeURIComponent(id)}`],
  ['/pages/stations/index', 'data-station-id', (id) => `/pages/station/index?id=${encodeURIComponent(id)}`],
]

describe('staff pages: sizes, words and accessibility in both modes', () => {
  let e2e: E2E
  beforeAll(async () => {
    e2e = await startE2E()
    // The demo has no applications: one submitted, for the queue and the case page.
    // The demo worker's (张师傅), so that the worker pass opens it as its applicant.
    const reply = await handle('applicant', { action: 'submit', input: submission() }, { openid: 'demo-worker' }, e2e.app.deps)
    expect(reply.ok).toBe(true)
  })
  afterAll(() => e2e?.close())

  /** Opens a route, waits for `ready`, and returns the problems found on it, prefixed with the route. */
  const visit = async (page: Page, mode: 'normal' | 'large', route: string, ready: string): Promise<string[]> => {
    await page.goto(`${e2e.app.url}/#${route}`)
    await visible(page, ready).waitFor()
    // Whatever it loads has come (no line saying it is still loading or checking).
    await page.waitForFunction(() => !Array.from(document.querySelectorAll('.state-text')).some((el) => el.getBoundingClientRect().width > 0 && /正在/.test(el.textContent ?? '')))
    if (mode === 'large') await visible(page, '.page.large-text').waitFor()
    await e2e.shot(page, `staff-${mode}-${route.split('?')[0].split('/').slice(1, 3).join('-')}`)
    return (await staffPageProblems(page, mode)).map((p) => `${route.split('?')[0]}: ${p}`)
  }
  /**
   * The dashboard's date picker (the dashboard in view) opened: its wheel rows and words by the mode's sizes (rows 60 px in
   * large text), 取消 / 确定 as targets, and the row under the wheel's indicator the date it opened on.
   */
  const pickerProblems = async (page: Page, mode: 'normal' | 'large'): Promise<string[]> => {
    const from = (await visible(page, '.dash-range').getAttribute('data-from'))!
    await visible(page, '.dash-range [data-field=from]').click()
    await visible(page, '.weui-picker__item').waitFor()
    await page.waitForTimeout(400) // the popup slides up
    await e2e.shot(page, `staff-${mode}-date-picker`)
    const found = await page.evaluate(
      ({ minText, minRow, minTarget }) => {
        const out: string[] = []
        // The popup open now (each picker of the page, and of the pages under it, keeps its own hidden).
        const picker = Array.from(document.querySelectorAll('.weui-picker__overlay')).find((o) => getComputedStyle(o).display !== 'none')!
        const group = picker.querySelector('.weui-picker__group')!
        const indicator = group.querySelector('.weui-picker__indicator')!.getBoundingClientRect()
        const rows = Array.from(group.querySelectorAll('.weui-picker__item'))
        const mid = (r: DOMRect) => r.top + r.height / 2
        const under = rows.reduce((a, b) => (Math.abs(mid(b.getBoundingClientRect()) - mid(indicator)) < Math.abs(mid(a.getBoundingClientRect()) - mid(indicator)) ? b : a))
        const row = under.getBoundingClientRect()
        if (row.height < minRow - 0.5) out.push(`row ${row.height.toFixed(1)}px`)
        // Chromium's computed font size leaves zoom out: what shows is size x zoom.
        const shown = (el: Element) => parseFloat(getComputedStyle(el).fontSize) * (parseFloat(getComputedStyle(picker.querySelector('.weui-picker')!).zoom) || 1)
        if (shown(under) < minText - 0.05) out.push(`row text ${shown(under).toFixed(1)}px`)
        for (const a of Array.from(picker.querySelectorAll('.weui-picker__action'))) {
          const r = a.getBoundingClientRect()
          if (shown(a) < minText - 0.05) out.push(`${a.textContent} text ${shown(a).toFixed(1)}px`)
          if (r.height < minTarget - 0.5) out.push(`${a.textContent} ${Math.round(r.width)}x${Math.round(r.height)}`)
        }
        out.push(`under the indicator: ${(under.textContent ?? '').replace(/年$/, '')}`)
        return out
      },
      { minText: RULES[mode].text, minRow: mode === 'large' ? RULES.large.target : 34, minTarget: RULES[mode].target },
    )
    await visible(page, '.weui-picker__action').click()
    await page.locator('.weui-picker__item:visible').first().waitFor({ state: 'hidden' })
    const year = `under the indicator: ${from.slice(0, 4)}`
    return found.includes(year) ? found.filter((f) => f !== year) : [...found, `not ${year}`]
  }
  /** The id a list's first row links to, from its `data-*` attribute. */
  const firstId = (page: Page, attr: string) => visible(page, `[${attr}]`).getAttribute(attr)

  it.each(['normal', 'large'] as const)('the pages the demo admin opens, in %s text', async (mode) => {
    const { page, context } = await e2e.newUser(PHONE)
    await page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/')}`)
    await page.click('[data-account=admin]')
    await page.locator('[data-entry=households]').waitFor()
    if (mode === 'large') {
      await page.locator('[data-setting=large-text]').click()
      await page.locator('.home.large-text').waitFor()
    }
    const problems: string[] = []
    for (const [list, attr, route] of FROM_LISTS) {
      problems.push(...(await visit(page, mode, list, `[${attr}]`)))
      problems.push(...(await visit(page, mode, route((await firstId(page, attr))!), '.page')))
    }
    // The 2020 户户清 campaign, and the check of its first household.
    problems.push(...(await visit(page, mode, '/households/campaigns/index', '[data-campaign]')))
    const campaign = (await firstId(page, 'data-campaign'))!
    problems.push(...(await visit(page, mode, `/households/campaign/index?id=${encodeURIComponent(campaign)}`, '.hh-check-row')))
    const household = (await firstId(page, 'data-household'))!
    problems.push(...(await visit(page, mode, `/households/check/index?campaignId=${encodeURIComponent(campaign)}&householdId=${encodeURIComponent(household)}`, '.page')))
    for (const [route, ready] of PAGES) {
      problems.push(...(await visit(page, mode, route, ready)))
      if (route.startsWith('/dashboard/')) problems.push(...(await pickerProblems(page, mode)).map((p) => `date picker: ${p}`))
    }
    // The dashboard a second time, its charts drawn again (the harness fails on a console error of any visit).
    problems.push(...(await visit(page, mode, '/dashboard/index/index', '[data-chart] canvas')))
    // And shown again: to the campaign it lists and back, the figures loaded anew under the same charts.
    await visible(page, '[data-section=campaign]').click()
    await visible(page, '.hh-check-row').waitFor()
    await page.goBack()
    await visible(page, '.dash[data-state=ready] [data-chart=funds] canvas').waitFor()
    problems.push(...(await staffPageProblems(page, mode)).map((p) => `/dashboard/index/index (shown again): ${p}`))
    expect(problems).toEqual([])
    await context.close()
  })

  /** The worker's pages, in the order a worker meets them, with what shows once each is there. */
  const WORKER_PAGES: [route: string, ready: string][] = [
    ['/pages/home/index', '[data-entry=apply]'],
    ['/pages/my-applications/index', '.application-item[data-id]'],
    ['/pages/messages/index', '.page'],
    ['/apply/self-check/index', '.page'],
    ['/apply/form/index', '.page'],
  ]

  it.each(['normal', 'large'] as const)('the pages the demo worker opens, in %s text', async (mode) => {
    const { page, context } = await e2e.newUser(PHONE)
    await page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/')}`)
    await page.click('[data-account=worker]')
    await page.locator('[data-entry=apply]').waitFor()
    if (mode === 'large') {
      await page.locator('[data-setting=large-text]').click()
      await page.locator('.home.large-text').waitFor()
    }
    const problems: string[] = []
    const worker = async (route: string, ready: string) => {
      await page.goto(`${e2e.app.url}/#${route}`)
      await visible(page, ready).waitFor()
      await page.waitForFunction(() => !Array.from(document.querySelectorAll('.state-text')).some((el) => el.getBoundingClientRect().width > 0 && /正在/.test(el.textContent ?? '')))
      if (mode === 'large') await visible(page, '.page.large-text').waitFor()
      await e2e.shot(page, `worker-${mode}-${route.split('?')[0].split('/').slice(1, 3).join('-')}`)
      problems.push(...(await pageProblems(page, mode)).map((p) => `${route.split('?')[0]}: ${p}`))
    }
    for (const [route, ready] of WORKER_PAGES) {
      await worker(route, ready)
      if (route === '/pages/my-applications/index') {
        const id = (await visible(page, '.application-item[data-id]').getAttribute('data-id'))!
        await worker(`/pages/application/index?id=${encodeURIComponent(id)}`, '.application')
      }
    }
    await worker('/pages/stations/index', '[data-station-id]')
    const station = (await firstId(page, 'data-station-id'))!
    await worker(`/pages/station/index?id=${encodeURIComponent(station)}`, '.station')
    expect(problems).toEqual([])
    await context.close()
  })
})

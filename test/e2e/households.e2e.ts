import ExcelJS from 'exceljs'
import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { photoPng } from './apply-helpers'
import { startE2E, type E2E } from './harness'
import { DEMO_AID_LEVELS } from '../../server/local/seed-stations'
import { choose, field, scrollTo, signInStaff, toastGone, visible } from './page-helpers'
import { measure, RULES, unnamed } from './worker-checks'

/** A figure of the dashboard, as its raw number. */
const figure = async (page: Page, name: string) => Number(await visible(page, `[data-figure="${name}"]`).getAttribute('data-value'))

const AMOUNT_FEN = 150_000

/**
 * The union's pages for filed households on a 360-wide phone, on the seeded demo data (514
 * households over 2015-2020, 29 on file now): a caseworker records a measure, a payment (pending)
 * and a visit, checks the six items of the open campaign and proposes deregistration; the
 * reviewer approves the payment and the deregistration; the dashboard moves accordingly and shows
 * the seed report's figures. (Approvals themselves: ledger-approval.e2e.ts.)
 */
describe('filed households', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()), 180_000)
  afterAll(() => e2e?.close())

  const signIn = (account: 'caseworker' | 'admin') => signInStaff(e2e, account)

  const dashboardUrl = (from?: string, to?: string) => `${e2e.app.url}/#/dashboard/index/index${from && to ? `?from=${from}&to=${to}` : ''}`

  async function openDashboard(page: Page, from?: string, to?: string): Promise<void> {
    await page.goto(dashboardUrl(from, to))
    await visible(page, '.dash[data-state=ready]').waitFor({ timeout: 60_000 })
  }

  it('the demo dashboard shows the seed report’s figures', async () => {
    const admin = await signIn('admin')
    await e2e.shot(admin.page, 'households-01-households-home-admin')
    await openDashboard(admin.page, '2015-01-01', '2020-08-17')
    await expect(figure(admin.page, 'onFileAtStart')).resolves.toBe(514)
    await expect(figure(admin.page, 'onFileNow')).resolves.toBe(29)
    await expect(figure(admin.page, 'fundsTotal')).resolves.toBe(423_900_000)
    await expect(visible(admin.page, '[data-figure=fundsTotal] .dash-figure__value').textContent()).resolves.toBe('423.9万元')
    await expect(figure(admin.page, 'personTimes')).resolves.toBe(5486)
    await expect(visible(admin.page, '[data-figure=personTimes] .dash-figure__value').textContent()).resolves.toBe('5,486')
    await expect(figure(admin.page, 'stations-aid')).resolves.toBe(67)
    await expect(figure(admin.page, 'stations-rest-post')).resolves.toBe(5)
    await expect(figure(admin.page, 'stations-expert-team')).resolves.toBe(3)
    // The four-level aid network (issue 16): the seed's 67 aid stations by level.
    for (const [level, n] of Object.entries(DEMO_AID_LEVELS)) await expect(figure(admin.page, `station-level-${level}`)).resolves.toBe(n)
    await expect(visible(admin.page, '[data-figure=station-level-township] .dash-row__label').textContent()).resolves.toBe('乡镇（街道）级')
    await expect(figure(admin.page, 'funds-central')).resolves.toBe(240_300_000)
    await expect(figure(admin.page, 'funds-county')).resolves.toBe(23_400_000)
    // The charts are drawn (a canvas each), beside the same figures as text.
    await visible(admin.page, '[data-chart=on-file] canvas').waitFor()
    await visible(admin.page, '[data-chart=funds] canvas').waitFor()
    await admin.page.waitForTimeout(500)
    await e2e.shot(admin.page, 'households-02-dashboard-demo-period')
    await scrollTo(admin.page, '[data-chart=on-file]')
    await e2e.shot(admin.page, 'households-02a-dashboard-on-file-chart')
    await scrollTo(admin.page, '[data-chart=funds]')
    await e2e.shot(admin.page, 'households-02b-dashboard-funds-chart')
    await scrollTo(admin.page, '[data-section=campaign]')
    await expect(figure(admin.page, 'campaign-checked')).resolves.toBe(55)
    await expect(figure(admin.page, 'campaign-kept')).resolves.toBe(29)
    await expect(figure(admin.page, 'campaign-proposed')).resolves.toBe(26)
    await e2e.shot(admin.page, 'households-02c-dashboard-campaign')
    await scrollTo(admin.page, '[data-section=stations]')
    await e2e.shot(admin.page, 'households-02d-dashboard-stations')

    // The roll of households as a workbook: the browser downloads it.
    await scrollTo(admin.page, '[data-section=exports]')
    // An export job: the page shows how far it got (已导出 N 户 / 共 M 户) until the file is ready, then the file has the M households.
    const downloading = admin.page.waitForEvent('download')
    await visible(admin.page, '[data-export=households]').click()
    const progress = (await visible(admin.page, '[data-export-progress]').textContent()) ?? ''
    expect(progress).toMatch(/^正在导出：已导出 \d+ 户 \/ 共 \d+ 户$/)
    const download = await downloading
    await expect(admin.page.locator('[data-export-progress]').count()).resolves.toBe(0)
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer)
    expect(book.worksheets[0].rowCount - 1).toBe(Number(/共 (\d+) 户/.exec(progress)![1]))
    expect(book.worksheets[0].rowCount).toBeGreaterThan(1)
    await visible(admin.page, '[data-exported]').waitFor()
    // Masked by default, for the reviewer too: the file came through its link of the local server.
    expect(download.url()).toContain('/files/')
    expect(String(book.worksheets[0].getRow(2).getCell(4).value)).toMatch(/\*{10}/)
    await e2e.shot(admin.page, 'households-02f-dashboard-exported')

    // The ledger of the range as an export job too: 已导出 N 条 / 共 M 条, then the file has the M entries, names masked.
    const ledgerDownloading = admin.page.waitForEvent('download')
    await visible(admin.page, '[data-export=ledger]').click()
    const ledgerProgress = (await visible(admin.page, '[data-export-progress]').textContent()) ?? ''
    expect(ledgerProgress).toMatch(/^正在导出：已导出 [\d,]+ 条 \/ 共 [\d,]+ 条$/)
    const ledgerDownload = await ledgerDownloading
    await expect(admin.page.locator('[data-export-progress]').count()).resolves.toBe(0)
    expect(ledgerDownload.suggestedFilename()).toMatch(/^ledger-.*\.xlsx$/)
    const ledgerBook = new ExcelJS.Workbook()
    await ledgerBook.xlsx.load(readFileSync((await ledgerDownload.path())!) as unknown as ArrayBuffer)
    const ledgerSheet = ledgerBook.worksheets[0]
    expect(ledgerSheet.rowCount - 1).toBe(Number(/共 ([\d,]+) 条/.exec(ledgerProgress)![1].replace(/,/g, '')))
    expect(ledgerSheet.rowCount).toBeGreaterThan(1)
    expect(String(ledgerSheet.getRow(1).getCell(3).value)).toBe('户主姓名')
    expect(String(ledgerSheet.getRow(2).getCell(3).value)).toMatch(/\*/)
    await visible(admin.page, '[data-exported]').waitFor()
    await e2e.shot(admin.page, 'households-02f2-dashboard-ledger-exported')

    // The full roll: only with a reason, downloaded once through its link.
    await visible(admin.page, '[data-export=households-full]').click()
    await visible(admin.page, '[data-action=confirm-full-export]').click()
    await admin.page.getByText('请填写导出完整信息的理由').waitFor()
    await e2e.shot(admin.page, 'households-02g-dashboard-full-export-reason')
    await field(admin.page, 'reason').fill('上报全国工会档案系统')
    const [fullDownload] = await Promise.all([admin.page.waitForEvent('download'), visible(admin.page, '[data-action=confirm-full-export]').click()])
    expect(fullDownload.suggestedFilename()).toMatch(/^households-full-.*\.xlsx$/)
    const fullBook = new ExcelJS.Workbook()
    await fullBook.xlsx.load(readFileSync((await fullDownload.path())!) as unknown as ArrayBuffer)
    expect(String(fullBook.worksheets[0].getRow(2).getCell(4).value)).toMatch(/^\d{17}[\dX]$/)
    await visible(admin.page, '[data-exported][data-shareable=false]').waitFor()
    expect((await admin.page.request.get(fullDownload.url())).status()).toBe(404)
    await e2e.shot(admin.page, 'households-02h-dashboard-full-export')

    // Large text: the figures stay readable as text and nothing runs off the phone's width.
    await admin.page.goto(`${e2e.app.url}/`)
    await admin.page.locator('[data-setting=large-text]').click()
    await admin.page.locator('.home.large-text').waitFor()
    await openDashboard(admin.page, '2015-01-01', '2020-08-17')
    await visible(admin.page, '.dash.large-text').waitFor()
    await visible(admin.page, '[data-chart=funds] canvas').waitFor()
    await scrollTo(admin.page, '[data-section=funds]')
    await e2e.shot(admin.page, 'households-02e-dashboard-large-text')
    await expect(admin.page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360)
    await scrollTo(admin.page, '[data-section=station-levels]')
    await expect(figure(admin.page, 'station-level-community')).resolves.toBe(DEMO_AID_LEVELS.community)
    await e2e.shot(admin.page, 'households-02i-dashboard-station-levels-large-text')
    await expect(measure(admin.page, RULES.large.text, RULES.large.target)).resolves.toEqual({ text: [], targets: [] })
    await expect(unnamed(admin.page)).resolves.toEqual([])
    await admin.context.close()
  })

  it('measure, payment, contact, six-item check, deregistration and the dashboard after it', async () => {
    // The admin (also the reviewer) notes the figures up to today, and opens a campaign if none is open.
    const admin = await signIn('admin')
    await openDashboard(admin.page)
    const before = { onFile: await figure(admin.page, 'onFileNow'), funds: await figure(admin.page, 'fundsTotal') }
    expect(before.onFile).toBe(29)
    await e2e.shot(admin.page, 'households-03-dashboard-before')

    await admin.page.goto(`${e2e.app.url}/#/households/campaigns/index`)
    await visible(admin.page, '[data-action=openCampaign]').waitFor()
    await admin.page.waitForTimeout(300)
    if ((await admin.page.locator('[data-campaign-status=open]:visible').count()) === 0) {
      await visible(admin.page, '[data-action=openCampaign]').click()
      await visible(admin.page, '[data-form=openCampaign]').waitFor()
      await visible(admin.page, '[data-form=openCampaign] [data-action=submit]').click()
      await visible(admin.page, '.field-error[data-field=unitIds]').waitFor()
      await choose(admin.page, 'unitIds', 'unit-root')
      await e2e.shot(admin.page, 'households-04-campaign-open-form')
      await visible(admin.page, '[data-form=openCampaign] [data-action=submit]').click()
      await visible(admin.page, '.hh-campaign-page[data-campaign-status=open]').waitFor()
      await e2e.shot(admin.page, 'households-05-campaign-opened')
    }

    // The caseworker of 弥阳街道: 建档家庭, a household of the jurisdiction.
    const cw = await signIn('caseworker')
    await e2e.shot(cw.page, 'households-06-households-home-caseworker')
    await cw.page.locator('[data-entry=households]').click()
    await visible(cw.page, '.hh-list [data-household]').waitFor()
    await e2e.shot(cw.page, 'households-07-households-list')
    const row = visible(cw.page, '.hh-list [data-household]')
    const id = (await row.getAttribute('data-household'))!
    const number = (await row.getAttribute('data-number'))!
    await row.click()
    await visible(cw.page, `.hh-header[data-household="${id}"]`).waitFor()
    await e2e.shot(cw.page, 'households-08-household-file')

    // A measure: an empty form is refused beside its fields, then saved.
    const measures = await cw.page.locator('[data-section=measures] [data-measure]:visible').count()
    await visible(cw.page, '[data-action=addMeasure]').click()
    await visible(cw.page, '[data-form=addMeasure] [data-action=submit]').click()
    await visible(cw.page, '.field-error[data-field=kind]').waitFor()
    await choose(cw.page, 'kind', 'medical')
    await field(cw.page, 'description').fill('申请医疗救助，报销住院自付费用')
    await e2e.shot(cw.page, 'households-09-household-measure-form')
    await visible(cw.page, '[data-form=addMeasure] [data-action=submit]').click()
    await cw.page.locator('[data-form=addMeasure]').waitFor({ state: 'detached' })
    await expect(cw.page.locator('[data-section=measures] [data-measure]:visible').count()).resolves.toBe(measures + 1)

    // A payment of 1,500 yuan from the county's funds: pending until a second person approves it, so the total stays.
    const totalBefore = Number(await visible(cw.page, '[data-totals] [data-total]').getAttribute('data-total'))
    await visible(cw.page, '[data-action=recordPayment]').click()
    await visible(cw.page, '[data-form=recordPayment]').waitFor()
    await field(cw.page, 'amountFen').fill('15.555')
    await visible(cw.page, '[data-form=recordPayment] [data-action=submit]').click()
    await visible(cw.page, '.field-error[data-field=amountFen]').waitFor()
    await field(cw.page, 'amountFen').fill('1500')
    await choose(cw.page, 'fundSource', 'county')
    // Nobody is named to approve: any other reviewer covering the household does, from the pending list.
    await expect(cw.page.locator('[data-field=approvedBy]:visible').count()).resolves.toBe(0)
    await field(cw.page, 'note').fill('2026年冬季慰问金')
    await e2e.shot(cw.page, 'households-10-household-payment-form')
    await visible(cw.page, '[data-form=recordPayment] [data-action=submit]').click()
    await cw.page.locator('[data-form=recordPayment]').waitFor({ state: 'detached' })
    await visible(cw.page, `[data-line][data-status=pending]:has([data-amount="${AMOUNT_FEN}"]) [data-tag=pending]`).waitFor()
    await expect(visible(cw.page, '[data-totals] [data-total]').getAttribute('data-total')).resolves.toBe(String(totalBefore))
    await expect(visible(cw.page, '[data-totals] [data-pending-total]').getAttribute('data-pending-total')).resolves.toBe(String(AMOUNT_FEN))
    await toastGone(cw.page, '发放已登记')
    // Pending, it cannot be reversed: a mistake is rejected by the reviewer instead.
    await expect(cw.page.locator(`[data-line][data-status=pending] [data-action=reversePayment]:visible`).count()).resolves.toBe(0)
    await scrollTo(cw.page, '[data-section=ledger]')
    await e2e.shot(cw.page, 'households-11-household-ledger')

    // A visit.
    await visible(cw.page, '[data-action=addContact]').click()
    await choose(cw.page, 'kind', 'visit')
    await field(cw.page, 'notes').fill('入户走访，户主已在物流园稳定就业，孩子正常上学')
    await field(cw.page, 'nextStep').fill('提出脱困注销')
    await e2e.shot(cw.page, 'households-12-household-contact-form')
    await visible(cw.page, '[data-form=addContact] [data-action=submit]').click()
    await cw.page.locator('[data-form=addContact]').waitFor({ state: 'detached' })
    await visible(cw.page, '[data-section=contacts] [data-contact]').waitFor()
    await expect(visible(cw.page, '[data-section=contacts] [data-contact]').textContent()).resolves.toContain('稳定就业')

    // The campaign: this household's six items, then the conclusion: propose deregistration.
    await cw.page.goto(`${e2e.app.url}/#/households/campaigns/index`)
    await visible(cw.page, '[data-campaign-status=open]').waitFor()
    // The list read by cursor says how many campaigns concern the caseworker's street.
    expect(Number(await visible(cw.page, '.hh-campaigns__list').getAttribute('data-count'))).toBeGreaterThan(0)
    await e2e.shot(cw.page, 'households-12b-campaigns')
    await visible(cw.page, '[data-campaign-status=open]').click()
    await visible(cw.page, '.hh-campaign-page').waitFor()
    await e2e.shot(cw.page, 'households-13-campaign-progress')
    const campaignId = (await visible(cw.page, '.hh-campaign-page').getAttribute('data-campaign'))!
    await cw.page.goto(`${e2e.app.url}/#/households/check/index?campaignId=${encodeURIComponent(campaignId)}&householdId=${encodeURIComponent(id)}`)
    await visible(cw.page, '.hh-check [data-item=household]').waitFor()
    // Not clear without a note is refused beside the note.
    await visible(cw.page, '[data-item=household] [data-value=no]').click()
    await visible(cw.page, '[data-item=household] [data-action=save-item]').click()
    await visible(cw.page, '[data-item=household] .field-error[data-field=note]').waitFor()
    await e2e.shot(cw.page, 'households-14-check-item-error')
    // Each item answered explicitly, one tap each: 核实清楚 is the answer and its save.
    for (const item of ['household', 'policies-funds', 'difficulties', 'measures', 'effect', 'pairing']) {
      await visible(cw.page, `[data-item="${item}"] [data-value=yes]`).click()
      await visible(cw.page, `[data-item="${item}"][data-item-state=confirmed]`).waitFor()
    }
    await visible(cw.page, '[data-form=setOutcome]').waitFor()
    await choose(cw.page, 'kind', 'propose-deregistration')
    await choose(cw.page, 'outcome.reason', 'stable-employment')
    await field(cw.page, 'outcome.text').fill('户主在物流园稳定就业一年以上')
    // The proof of being out of hardship: a photo of the labour contract.
    const [proof] = await Promise.all([cw.page.waitForEvent('filechooser'), visible(cw.page, '[data-form=setOutcome] [data-upload=evidence]').click()])
    await proof.setFiles({ name: '劳动合同.png', mimeType: 'image/png', buffer: photoPng() })
    await visible(cw.page, '[data-form=setOutcome] .photo-field__photo').waitFor()
    await visible(cw.page, '[data-section=outcome]').scrollIntoViewIfNeeded()
    await e2e.shot(cw.page, 'households-15-check-outcome-form')
    await visible(cw.page, '[data-form=setOutcome] [data-action=submit]').click()
    await visible(cw.page, '.hh-check[data-outcome=propose-deregistration]').waitFor()
    await e2e.shot(cw.page, 'households-16-check-done')

    // The household now waits for a reviewer: the caseworker cannot decide.
    await cw.page.goto(`${e2e.app.url}/#/households/detail/index?id=${encodeURIComponent(id)}`)
    await visible(cw.page, '[data-section=deregistration] [data-pending]').waitFor()
    await expect(cw.page.locator('[data-action=decideDeregistration]:visible').count()).resolves.toBe(0)

    // The reviewer approves the payment from the list of entries waiting for him.
    await admin.page.goto(`${e2e.app.url}/#/households/pending/index`)
    await visible(admin.page, `[data-entry]:has([data-amount="${AMOUNT_FEN}"]) [data-action=approve]`).click()
    await admin.page.locator(`[data-entry]:visible:has([data-amount="${AMOUNT_FEN}"])`).waitFor({ state: 'detached' })

    // The reviewer finds the household by its number and approves its deregistration.
    await admin.page.goto(`${e2e.app.url}/#/households/list/index`)
    // The city's list: 加载更多 reads the next page by the cursor the server gave; it grows by a page, the total stays.
    const total = Number(await visible(admin.page, '.hh-list__items').getAttribute('data-total'))
    expect(total).toBeGreaterThan(20)
    // Pressed where it stands: scrolling it into view first lets the list's reach-bottom load the
    // next page and re-render the button under the pointer (seen under CI load).
    await visible(admin.page, '.hh-list [data-more]').dispatchEvent('click')
    await admin.page.waitForFunction((t) => {
      const items = document.querySelector('.hh-list__items')
      return items?.getAttribute('data-total') === String(t) && Number(items.getAttribute('data-count')) >= Math.min(t, 40)
    }, total)
    await e2e.shot(admin.page, 'households-16b-households-list-more')
    await visible(admin.page, '[data-search] input').fill(number)
    await visible(admin.page, '[data-action=search]').click()
    await visible(admin.page, `.hh-list [data-household="${id}"] [data-tag=pending]`).waitFor()
    await e2e.shot(admin.page, 'households-17-households-search-pending')
    await visible(admin.page, `.hh-list [data-household="${id}"]`).click()
    await visible(admin.page, `.hh-header[data-household="${id}"]`).waitFor()
    // The reviewer pairs himself with the household too.
    await visible(admin.page, '[data-action=assignCadre]').click()
    await visible(admin.page, '[data-field=cadreOpenid] [data-value=demo-admin]').click()
    await e2e.shot(admin.page, 'households-17a-household-assign-cadre')
    await visible(admin.page, '[data-form=assignCadre] [data-action=submit]').click()
    await visible(admin.page, '[data-section=cadres] [data-cadre=demo-admin]').waitFor()
    await visible(admin.page, '[data-action=decideDeregistration]').click()
    await choose(admin.page, 'approve', 'approve')
    await field(admin.page, 'note').fill('核实属实，同意注销')
    await e2e.shot(admin.page, 'households-18-household-decide-form')
    await visible(admin.page, '[data-form=decideDeregistration] [data-action=submit]').click()
    await visible(admin.page, `.hh-header[data-household="${id}"][data-status=deregistered]`).waitFor()
    await toastGone(admin.page, '审批已提交')
    await e2e.shot(admin.page, 'households-19-household-deregistered')

    // The dashboard: one household fewer on file, the approved payment in the funds.
    await openDashboard(admin.page)
    await expect(figure(admin.page, 'onFileNow')).resolves.toBe(before.onFile - 1)
    await expect(figure(admin.page, 'fundsTotal')).resolves.toBe(before.funds + AMOUNT_FEN)
    await expect(figure(admin.page, 'deregisteredInPeriod')).resolves.toBeGreaterThan(0)
    await e2e.shot(admin.page, 'households-20-dashboard-after')
    await cw.context.close()
    await admin.context.close()
  })
})

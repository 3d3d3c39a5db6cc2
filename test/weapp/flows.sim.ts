/**
 * The WeChat-only flows on the built pages, with the wx APIs stubbed at the wx boundary only:
 * subscribe dialogs asked from the taps that matter (never on load), the privacy check before the
 * location, a refused location with the way to WeChat's settings, a document opened through its
 * temporary link without a share menu, and an export downloaded through its link: a full one only with
 * a reason and never to a chat, a masked one sent to a chat from its own tap.
 */
import { CURRENT_CONSENT } from '../../src/domain/consent'
import type { ApiReply } from '../../src/domain'
import { handle } from '../../server/functions'
import { MILE_POLICY } from '../../server/local/seed'
import { addDocument } from '../../server/usecases/applicant/documents'
import { resolveActor } from '../../server/usecases/shared/actor'
import { formValues } from '../support/forms'
import { ADMIN, CASEWORKER, WORKER } from './demo-cases'
import { startWeapp, type Weapp, type WxCall } from './harness'

const STATUS_TEMPLATE = 'TPL-STATUS-WEAPP-01'
const STAFF_TEMPLATE = 'TPL-STAFF-WEAPP-01'
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9])

let w: Weapp
beforeAll(async () => {
  w = await startWeapp()
  await w.deps.store.repos.policies.put({ ...MILE_POLICY, subscribeTemplateIds: { statusChanged: STATUS_TEMPLATE, casesWaiting: STAFF_TEMPLATE } })
}, 120000)
afterAll(() => w.close())

const call = async <T>(openid: string, fn: string, action: string, input: Record<string, unknown>): Promise<T> => {
  const reply = (await handle(fn, { action, input }, { openid }, w.deps)) as ApiReply<T>
  if (!reply.ok) throw new Error(`${fn}.${action}: ${reply.error.message}`)
  return reply.data
}
const since = (mark: number) => w.calls.slice(mark)
const named = (calls: WxCall[], api: string) => calls.filter((c) => c.api === api)
const actionOf = (c: WxCall) => `${c.args.name}.${c.args.data.action}`
const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms))
/** Until no wx call was made for 100 ms: the saves a step change sent are answered (a loaded machine answers late). */
const quiet = async () => {
  for (let n = -1; n !== w.calls.length; ) {
    n = w.calls.length
    await settle(100)
  }
}
const held = async (openid: string, template: string) => (await w.deps.store.repos.subscriptions.get(openid, template))?.remaining ?? 0

describe('subscribe messages', () => {
  test('submitting asks for the status message inside the tap, before any call, and records the acceptance; opening the form asks nothing', async () => {
    const values = formValues()
    values.applicant.unitId = 'unit-532504001'
    await call(WORKER, 'applicant', 'saveDraft', { values, step: 'review', consent: { ...CURRENT_CONSENT } })
    w.as(WORKER)
    const opened = w.calls.length
    const page = await w.open('apply/form/index')
    await page.until((t) => t.includes('提交申请'), 'the review step')
    await settle()
    expect(named(since(opened), 'requestSubscribeMessage')).toEqual([])

    await quiet()
    w.answers.subscribe = { [STATUS_TEMPLATE]: 'accept' }
    const tapped = w.calls.length
    page.tap('提交申请')
    const [ask, ...rest] = since(tapped)
    expect(ask).toMatchObject({ api: 'requestSubscribeMessage', inTap: true, args: { tmplIds: [STATUS_TEMPLATE] } })
    expect(rest.filter((c) => c.api === 'cloud.callFunction')).toEqual([])
    await page.until(() => named(since(tapped), 'redirectTo').length > 0, 'the redirect to the application')
    expect(named(since(tapped), 'cloud.callFunction').map(actionOf)).toEqual(expect.arrayContaining(['applicant.submit', 'account.acceptSubscriptions']))
    expect(await held(WORKER, STATUS_TEMPLATE)).toBe(1)
    page.detach()
  })

  test('resubmitting a returned application asks again from its tap', async () => {
    const mine = await call<{ items: { id: string }[] }>(WORKER, 'applicant', 'listMine', { page: 1, pageSize: 5 })
    const id = mine.items[0].id
    const version = async () => (await w.deps.store.repos.applications.get(id))!.version
    await call(CASEWORKER, 'review', 'startScreening', { id, expectedVersion: await version() })
    await call(CASEWORKER, 'review', 'returnToWorker', { id, expectedVersion: await version(), fieldsToFix: ['applicant.phone'], reason: '电话号码打不通，请核对' })
    w.as(WORKER)
    const page = await w.open('apply/form/index')
    await page.until((t) => t.includes('被退回修改'), 'the returned form')
    // To the last step, where 重新提交 is.
    for (let i = 0; i < 10 && !page.byText('重新提交'); i++) {
      const before = page.text()
      page.tap(page.byText('下一步') ?? page.byText('同意并继续') ?? '下一步')
      await page.until((t) => t !== before, `step ${i + 2}`)
      await settle(30)
    }
    await quiet()
    w.answers.subscribe = { [STATUS_TEMPLATE]: 'accept' }
    const tapped = w.calls.length
    page.tap('重新提交')
    expect(since(tapped)[0]).toMatchObject({ api: 'requestSubscribeMessage', inTap: true, args: { tmplIds: [STATUS_TEMPLATE] } })
    await page.until(() => named(since(tapped), 'redirectTo').length > 0, 'the redirect after resubmitting')
    expect(await held(WORKER, STATUS_TEMPLATE)).toBe(2)
    page.detach()
  })

  test('staff: 接收提醒 asks for the reminder from its own tap; the queue asks nothing on load; a refusal records nothing', async () => {
    w.as(CASEWORKER)
    const opened = w.calls.length
    const page = await w.open('review/queue/index')
    await page.until((t) => t.includes('接收提醒'), 'the reminder card')
    await settle()
    expect(named(since(opened), 'requestSubscribeMessage')).toEqual([])

    w.answers.subscribe = { [STAFF_TEMPLATE]: 'reject' }
    let tapped = w.calls.length
    page.tap('接收提醒')
    expect(since(tapped)[0]).toMatchObject({ api: 'requestSubscribeMessage', inTap: true, args: { tmplIds: [STAFF_TEMPLATE] } })
    await page.until(() => named(since(tapped), 'showToast').length > 0, 'the answer')
    expect(await held(CASEWORKER, STAFF_TEMPLATE)).toBe(0)

    w.answers.subscribe = { [STAFF_TEMPLATE]: 'accept' }
    tapped = w.calls.length
    page.tap('接收提醒')
    expect(since(tapped)[0]).toMatchObject({ api: 'requestSubscribeMessage', inTap: true })
    await page.until((t) => t.includes('还可提醒 1 次'), 'the count held')
    expect(await held(CASEWORKER, STAFF_TEMPLATE)).toBe(1)
    page.detach()
  })
})

describe('location and privacy', () => {
  test('privacy first: not agreed, no location asked; the page says so in WeChat words', async () => {
    w.answers.privacy = { needAuthorization: true, agrees: false }
    const opened = w.calls.length
    const page = await w.open('pages/stations/index')
    await page.until((t) => t.includes('去设置'), 'the refusal')
    expect(named(since(opened), 'getPrivacySetting')).toHaveLength(1)
    expect(named(since(opened), 'requirePrivacyAuthorize')).toHaveLength(1)
    expect(named(since(opened), 'getFuzzyLocation')).toEqual([])
    page.detach()
    w.answers.privacy = { needAuthorization: false, agrees: true }
  })

  test('a refused location: WeChat wording, 去设置 opens the settings from the tap, and back with it allowed the list is from the worker', async () => {
    w.answers.location = { ok: false, errMsg: 'getFuzzyLocation:fail auth deny' }
    const page = await w.open('pages/stations/index')
    await page.until((t) => t.includes('去设置') && t.includes('市中心'), 'the refusal and the search from the centre')
    expect(page.text()).toContain('您没有允许小程序使用位置信息')
    expect(page.text()).not.toContain('浏览器')
    expect(page.byText('重新定位')).toBeNull()

    w.answers.settings = { 'scope.userFuzzyLocation': true }
    w.answers.location = { ok: true, latitude: 24.4145, longitude: 103.4329 }
    const tapped = w.calls.length
    page.tap('去设置')
    expect(since(tapped)[0]).toMatchObject({ api: 'openSetting', inTap: true })
    await page.until((t) => t.includes('已按与您的距离由近到远排列'), 'the list from the worker')
    expect(named(since(tapped), 'getFuzzyLocation')).toHaveLength(1)
    page.detach()
  })
})

describe('documents and exports', () => {
  test('a document opens through its temporary link in WeChat viewer without the share menu', async () => {
    const draft = await call<{ id: string }>('demo-doc-worker', 'applicant', 'saveDraft', { values: { ...formValues({ idNumber: '532504197512120015', name: '赵四', memberIds: [] }), applicant: { ...formValues({ idNumber: '532504197512120015', name: '赵四', memberIds: [] }).applicant, unitId: 'unit-532504001' } }, step: 'documents' })
    await addDocument(w.deps, await resolveActor(w.deps.store.repos, 'demo-doc-worker'), { applicationId: draft.id, kind: 'id-card', fileName: '身份证.jpg', bytes: JPEG })
    const form = formValues({ idNumber: '532504197512120015', name: '赵四', memberIds: [] })
    form.applicant.unitId = 'unit-532504001'
    await call('demo-doc-worker', 'applicant', 'submit', { form, consent: { ...CURRENT_CONSENT } })
    w.as(CASEWORKER)
    const page = await w.open('review/case/index', { id: draft.id })
    await page.until((t) => t.includes('查看'), 'the documents')
    const tapped = w.calls.length
    page.tap('查看')
    await page.until(() => named(since(tapped), 'previewImage').length > 0, 'the viewer')
    const [preview] = named(since(tapped), 'previewImage')
    expect(preview.args).toMatchObject({ showmenu: false, urls: [expect.stringMatching(/^\/files\/[\w-]+\.[\w-]+$/)] })
    const audit = await w.deps.store.repos.audit.list(null, 10_000)
    expect(audit.filter((e) => e.action === 'application.document.view' && e.actor === CASEWORKER)).toHaveLength(1)
    page.detach()
  })

  test('a full-PII export needs a reason, downloads through its link and stays on the phone; a masked one goes to a chat from its own tap', async () => {
    // The admin is a reviewer: the roll is masked unless a full one is asked for, with a reason.
    w.as(ADMIN)
    let page = await w.open('dashboard/index/index')
    await page.until((t) => t.includes('导出完整名册（含身份证号）'), 'the exports with the full one')
    page.tap('导出完整名册（含身份证号）')
    await page.until((t) => t.includes('确认导出完整名册'), 'the reason')
    page.tap('确认导出完整名册')
    await page.until((t) => t.includes('请填写导出完整信息的理由'), 'the missing reason')
    const area = page.find('textarea') ?? page.all('field__input--tall')[0]
    page.fire(area, 'input', { value: '上报全国工会档案系统' })
    await settle()
    let tapped = w.calls.length
    page.tap('确认导出完整名册')
    // An export job: started, then asked how far it got (共 M 户) until its file is ready.
    await page.until((t) => t.includes('正在导出：已导出 0 户 / 共'), 'the export in progress')
    await page.until((t) => t.includes('只能在本机查看'), 'the full export ready')
    expect(page.text()).not.toContain('正在导出')
    expect(named(since(tapped), 'cloud.callFunction').map((c) => c.args.data)).toEqual([
      expect.objectContaining({ action: 'startHouseholdExport', input: expect.objectContaining({ full: true, reason: '上报全国工会档案系统' }) }),
      expect.objectContaining({ action: 'exportStatus', input: { jobId: expect.stringMatching(/^[\w-]+$/) } }),
      // Once WeChat has the whole file, its receipt goes back and the file is deleted at once.
      { action: 'exportReceived', input: { receipt: expect.stringMatching(/^[\w-]+$/) } },
    ])
    // The file comes through its link, not in the reply.
    const [download] = named(since(tapped), 'downloadFile')
    expect(download.args).toMatchObject({ url: expect.stringMatching(/^\/files\//), filePath: expect.stringMatching(/households-full-.*\.xlsx$/) })
    expect(named(since(tapped), 'fs.writeFile')).toEqual([])
    expect(page.byText('发送到聊天')).toBeNull()
    const audit = await w.deps.store.repos.audit.list(null, 10_000)
    expect(audit.filter((e) => e.action === 'household.export' && e.actor === ADMIN).map((e) => e.detail.reason)).toEqual(['上报全国工会档案系统'])
    tapped = w.calls.length
    page.tap('打开')
    await page.until(() => named(since(tapped), 'openDocument').length > 0, 'the viewer')
    expect(named(since(tapped), 'openDocument')[0].args).toMatchObject({ fileType: 'xlsx', showMenu: false, filePath: download.args.filePath })
    page.detach()

    // The caseworker is no reviewer: masked, and 发送到聊天 is offered.
    w.as(CASEWORKER)
    page = await w.open('dashboard/index/index')
    await page.until((t) => t.includes('导出建档家庭名册'), 'the exports')
    expect(page.byText('导出完整名册（含身份证号）')).toBeNull()
    tapped = w.calls.length
    page.tap('导出建档家庭名册（Excel）')
    await page.until((t) => t.includes('发送到聊天'), 'the masked export ready')
    expect(named(since(tapped), 'downloadFile')).toHaveLength(1)
    tapped = w.calls.length
    page.tap('发送到聊天')
    expect(since(tapped)[0]).toMatchObject({ api: 'shareFileMessage', inTap: true, args: { fileName: expect.stringMatching(/\.xlsx$/) } })

    // The ledger (帮扶资金台账) as an export job: 已导出 N 条 / 共 M 条 while it runs, then its file through its link.
    tapped = w.calls.length
    page.tap('导出帮扶资金台账（Excel）')
    await page.until((t) => t.includes('正在导出：已导出 0 条 / 共'), 'the ledger export in progress')
    await page.until(() => named(since(tapped), 'downloadFile').length > 0, 'the ledger file')
    expect(named(since(tapped), 'cloud.callFunction').map((c) => c.args.data.action)).toEqual(['startLedgerExport', 'exportStatus'])
    expect(named(since(tapped), 'downloadFile')[0].args).toMatchObject({ url: expect.stringMatching(/^\/files\//), filePath: expect.stringMatching(/ledger-.*\.xlsx$/) })
    await page.until((t) => !t.includes('正在导出'), 'the progress gone')
    const ledgerAudit = (await w.deps.store.repos.audit.list(null, 10_000)).filter((e) => e.action === 'ledger.export' && e.actor === CASEWORKER)
    expect(ledgerAudit.map((e) => [e.detail.masked, typeof e.detail.job])).toEqual([[true, 'string']])
    page.detach()
  })
})

test("an admin's new station: its point picked on WeChat's map fills the point and the map's name and address, with no pasted coordinates and no raw id", async () => {
  w.as(ADMIN)
  w.answers.mapPick = { latitude: 24.40712, longitude: 103.41455, name: '弥阳街道职工驿站', address: '云南省红河州弥勒市髯翁路1号' }
  const page = await w.open('admin/station-edit/index')
  await page.until((t) => t.includes('在地图上选点'), 'the map button')
  expect(page.text()).toContain('还没有选择位置')
  // The browser's pasted coordinates are not offered where WeChat's map is.
  expect(page.text()).not.toContain('粘贴坐标')
  process.env.WEAPP_KEEP_SETDATA = '1'
  const before = w.setData.length
  page.tap('在地图上选点')
  await page.until((t) => t.includes('已选位置：东经 103.41455°，北纬 24.40712°'), 'the picked point')
  expect(w.calls.filter((c) => c.api === 'chooseLocation')).toHaveLength(1)
  // The inputs' values live in the components' data, not the DOM: what setData sent them since the tap.
  const sent = JSON.stringify(w.setData.slice(before).map((c) => c.data))
  delete process.env.WEAPP_KEEP_SETDATA
  expect(sent).toContain('弥阳街道职工驿站')
  expect(sent).toContain('云南省红河州弥勒市髯翁路1号')
  expect(page.text()).toContain('在地图上重新选点')
  expect(page.text()).not.toMatch(/station-|unit-|undefined|null/)
  page.detach()
  w.answers.mapPick = null
})

describe('pages shown again', () => {
  const functionCalls = (mark: number) => named(since(mark), 'cloud.callFunction').map(actionOf)

  test('a page reads on its first show and again after a hide, never on a show without a hide before it', async () => {
    w.as(CASEWORKER)
    const opened = w.calls.length
    const page = await w.open('review/queue/index')
    await page.until((t) => t.includes('待初审'), 'the queue')
    await quiet()
    const first = functionCalls(opened)
    expect(first).toContain('review.queue')
    expect(first.filter((c, i) => first.indexOf(c) !== i)).toEqual([])

    const shown = w.calls.length
    page.lifecycle('onShow')
    await quiet()
    expect(functionCalls(shown)).toEqual([])

    const back = w.calls.length
    page.lifecycle('onHide')
    page.lifecycle('onShow')
    await quiet()
    expect(functionCalls(back)).toContain('review.queue')
    page.detach()
  })
})

describe('the household file', () => {
  test('a deregistration proposal needs a proof photo, taken with WeChat, then waits for a reviewer', async () => {
    const own = await call<{ items: { id: string }[] }>(CASEWORKER, 'households', 'list', { pageSize: 1, status: 'filed' })
    const id = own.items[0].id
    w.as(CASEWORKER)
    const page = await w.open('households/detail/index', { id })
    await page.until((t) => t.includes('提出脱困注销'), 'the deregistration section')
    page.tap('提出脱困注销')
    await page.until((t) => t.includes('脱困证明'), 'the proposal form with its proof field')
    page.tap('实现稳定就业')
    await page.until(() => page.all('option--on').length === 1, 'the reason chosen')

    // Without a photo: the field says what it needs, and nothing is sent.
    const before = w.calls.length
    page.tap('提交注销申请')
    await page.until((t) => t.includes('至少上传一张脱困证明'), 'the proof field message')
    expect(named(since(before), 'cloud.callFunction').map(actionOf)).not.toContain('households.proposeDeregistration')

    const picked = w.calls.length
    page.tap('拍照/选择照片')
    await quiet()
    expect(named(since(picked), 'chooseMedia')).toHaveLength(1)
    page.tap('提交注销申请')
    await page.until((t) => t.includes('待审批'), 'the proposal waiting for a reviewer')
    const household = await w.deps.store.repos.households.get(id)
    const proposal = household!.history.filter((e) => e.kind === 'deregistration-proposed')
    expect(proposal).toHaveLength(1)
    expect(proposal[0]).toMatchObject({ reason: 'stable-employment' })
    expect((proposal[0] as { evidenceIds: string[] }).evidenceIds).toHaveLength(1)
    page.detach()
  })
})

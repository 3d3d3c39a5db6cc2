/**
 * The network's return heard by an open page on the built mini-program (WeChat's
 * onNetworkStatusChange): a home visit and a 户户清 item kept 未上传 go up while the caseworker
 * stays on the page, each write once with the request id it was captured with; an item recorded
 * by someone else meanwhile is shown, not overwritten.
 */
import type { ApiReply } from '../../src/domain'
import { idCheckChar } from '../../src/domain/id-number'
import { handle } from '../../server/functions'
import { submission } from '../support/forms'
import { ADMIN, CASEWORKER } from './demo-cases'
import { addDays } from '../../src/domain/calendar'
import { shanghaiDate } from '../../src/domain'
import { startWeapp, type OpenPage, type Weapp } from './harness'

let w: Weapp
beforeAll(async () => (w = await startWeapp()), 120000)
afterAll(() => w.close())

const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms))

async function call<T>(openid: string, fn: string, action: string, input: Record<string, unknown>): Promise<T> {
  const reply = (await handle(fn, { action, input }, { openid }, w.deps)) as ApiReply<T>
  if (!reply.ok) throw new Error(`${fn}.${action}: ${reply.error.message}`)
  return reply.data
}
const version = async (id: string) => (await w.deps.store.repos.applications.get(id))!.version
const tagged = (page: OpenPage, tag: string) => Array.from(page.dom.querySelectorAll('*')).filter((e) => e.tagName.toLowerCase().endsWith(tag))
const firstReading = (page: OpenPage, text: string) =>
  Array.from(page.dom.querySelectorAll('*')).find((e) => e.textContent?.trim() === text && !Array.from(e.children).some((c) => c.textContent?.trim() === text))!

/** The writes the phone sent from `from` on: each function call's action and request id, and each file upload. */
const writesSince = (from: number) =>
  w.calls.slice(from).flatMap((c) => {
    if (c.api === 'cloud.uploadFile') return [{ action: 'uploadFile', requestId: '' }]
    const data = (c.args as { data?: { action?: string; requestId?: string } }).data
    return c.api === 'cloud.callFunction' && data?.requestId ? [{ action: data.action ?? '', requestId: data.requestId }] : []
  })

test('a visit kept 未上传 goes up when the network returns while the case stays open: each write once, the capture time kept', async () => {
  const first17 = '53250419700101820'
  const s = submission({ idNumber: first17 + idCheckChar(first17), memberIds: [] })
  s.form.applicant.unitId = 'unit-532504001'
  const { id } = await call<{ id: string }>('demo-online-worker-1', 'applicant', 'submit', s as unknown as Record<string, unknown>)
  await call(CASEWORKER, 'review', 'startScreening', { id, expectedVersion: await version(id) })
  await call(CASEWORKER, 'review', 'acceptScreening', { id, expectedVersion: await version(id) })
  const kept = () => w.storage.get(`lantian.kept.v1.visit.${id}`) as { state: string; requestId: string; capturedAt: string; photos: { requestId: string }[] } | undefined

  w.as(CASEWORKER)
  w.setNetwork('up')
  const page = await w.open('review/case/index', { id })
  await page.until((t) => t.includes('记录入户调查'), 'the visit action')
  page.tap('记录入户调查')
  await page.until((t) => t.includes('六清核查情况'), 'the visit form')
  await settle(100)
  w.setNetwork('down')
  const inputs = tagged(page, 'input')
  page.fire(inputs[1], 'input', { value: '王芳' })
  page.fire(inputs[2], 'input', { value: '朋普河林场职工宿舍7号' })
  for (const [i, area] of tagged(page, 'textarea').entries()) page.fire(area, 'input', { value: `第${i + 1}项已逐项核实，情况属实` })
  page.tap('拍照')
  await page.until(() => (kept()?.photos.length ?? 0) === 1, 'the photo kept on the phone')
  page.tap('已收取签字的家庭经济状况核对授权书')
  await settle()
  page.tap('保存调查记录')
  await page.until(() => kept()?.state === 'waiting', 'the visit kept 未上传')
  await page.until((t) => t.includes('入户调查记录（未上传）'), 'the 未上传 card')
  const before = kept()!
  const from = w.calls.length

  // The signal returns; nobody touches the phone.
  w.setNetwork('up')
  await page.until(() => kept() === undefined, 'the kept visit sent and cleared')
  // WeChat tells the change twice (a 4G cell, then Wi-Fi): nothing is left to send.
  w.setNetwork('up')
  await settle(300)
  expect(writesSince(from)).toEqual([
    { action: 'uploadFile', requestId: '' },
    { action: 'registerVisitPhoto', requestId: before.photos[0].requestId },
    { action: 'recordVisit', requestId: before.requestId },
  ])
  const rec = (await w.deps.store.repos.applications.get(id))!
  const visits = (rec.review ?? []).filter((e) => e.kind === 'visit')
  expect(rec.status).toBe('verifying')
  expect(visits).toHaveLength(1)
  expect(visits[0]).toMatchObject({ place: '朋普河林场职工宿舍7号', capturedAt: before.capturedAt, photoIds: [rec.visitPhotos![0].id] })
  page.detach()
})

test('户户清: an item recorded by someone else while it was kept 未上传 is shown when the network returns, not overwritten', async () => {
  const startsOn = addDays(shanghaiDate(new Date()), 1)
  const { id: campaignId } = await call<{ id: string }>(ADMIN, 'households', 'openCampaign', { name: '朋普镇户户清联网复核', startsOn, endsOn: addDays(startsOn, 60), unitIds: ['unit-532504001'] })
  const scope = await call<{ households: { items: { householdId: string }[] } }>(CASEWORKER, 'households', 'campaign', { campaignId, page: 1, pageSize: 20 })
  const householdId = scope.households.items[0]?.householdId ?? ''
  expect(householdId).not.toBe('')
  const keptCheck = () => w.storage.get(`lantian.kept.v1.check.${campaignId}:${householdId}`) as { state: string; fields: { items: Record<string, { conflict?: string; requestId: string }> } } | undefined

  w.as(CASEWORKER)
  w.setNetwork('up')
  const page = await w.open('households/check/index', { campaignId, householdId })
  await page.until((t) => t.includes('六清核查'), 'the check')
  await settle(100)
  w.setNetwork('down')
  page.tap(firstReading(page, '无变化'))
  await page.until((t) => t.includes('未上传'), 'the item kept 未上传')
  const requestId = keptCheck()!.fields.items.household.requestId

  // Meanwhile a colleague with signal records the same item as not clear.
  await call(CASEWORKER, 'households', 'confirmItem', { campaignId, householdId, item: 'household', confirmed: false, note: '户主外出务工，未见到本人', evidenceIds: [] })
  const from = w.calls.length
  w.setNetwork('up')
  await page.until((t) => t.includes('您离线期间，这一项已有新的登记'), 'the conflict shown')
  // The colleague's record is shown beside the kept answer.
  await page.until((t) => t.includes('户主外出务工，未见到本人'), 'their record shown')
  expect(page.text()).toContain('未覆盖')
  expect(writesSince(from)).toEqual([{ action: 'confirmItem', requestId }])
  expect(keptCheck()).toMatchObject({ state: 'conflict', fields: { items: { household: { conflict: expect.stringContaining('您离线期间') } } } })
  const check = await call<{ record: { items: Record<string, { confirmed: boolean; note: string }> } }>(CASEWORKER, 'households', 'check', { campaignId, householdId })
  expect(check.record.items.household).toMatchObject({ confirmed: false, note: '户主外出务工，未见到本人' })
  page.detach()
})

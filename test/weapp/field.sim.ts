/**
 * A home visit without signal, on the built mini-program: the network is cut in the middle of the
 * visit, the form and its photo are kept on the phone (through a closed page), marked 未上传, and
 * sent when the network returns, with replies lost on the way; the case gets the visit and the
 * photo once each, with the time they were captured. A case that changed meanwhile is shown, not
 * overwritten.
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
let people = 0
const idNumber = () => {
  const first17 = `5325041970010${String(700 + people++)}`.padEnd(17, '1')
  return first17 + idCheckChar(first17)
}

async function call<T>(openid: string, fn: string, action: string, input: Record<string, unknown>): Promise<T> {
  const reply = (await handle(fn, { action, input }, { openid }, w.deps)) as ApiReply<T>
  if (!reply.ok) throw new Error(`${fn}.${action}: ${reply.error.message}`)
  return reply.data
}
const version = async (id: string) => (await w.deps.store.repos.applications.get(id))!.version

/** A case at the home visit, in the demo caseworker's jurisdiction. */
async function caseAtVisit(worker: string): Promise<string> {
  const s = submission({ idNumber: idNumber(), memberIds: [] })
  s.form.applicant.unitId = 'unit-532504001'
  const { id } = await call<{ id: string }>(worker, 'applicant', 'submit', s as unknown as Record<string, unknown>)
  await call(CASEWORKER, 'review', 'startScreening', { id, expectedVersion: await version(id) })
  await call(CASEWORKER, 'review', 'acceptScreening', { id, expectedVersion: await version(id) })
  return id
}

/** The first element (in page order) whose own text is `text`, innermost. */
const firstReading = (page: OpenPage, text: string) =>
  Array.from(page.dom.querySelectorAll('*')).find((e) => e.textContent?.trim() === text && !Array.from(e.children).some((c) => c.textContent?.trim() === text))!
const tagged = (page: OpenPage, tag: string) => Array.from(page.dom.querySelectorAll('*')).filter((e) => e.tagName.toLowerCase().endsWith(tag))
const kept = (id: string) => w.storage.get(`lantian.kept.v1.visit.${id}`) as { state: string; capturedAt: string; fields: { place: string }; photos: { path?: string; photoId?: string }[] } | undefined

/** Opens the case's visit form and fills it in with the network down, a photo taken; saves it. */
async function visitOffline(id: string, place: string): Promise<OpenPage> {
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
  page.fire(inputs[2], 'input', { value: place })
  for (const [i, area] of tagged(page, 'textarea').entries()) page.fire(area, 'input', { value: `第${i + 1}项已逐项核实，情况属实` })
  page.tap('拍照')
  await page.until(() => (kept(id)?.photos.length ?? 0) === 1, 'the photo kept on the phone')
  page.tap('已收取签字的家庭经济状况核对授权书')
  await settle()
  page.tap('保存调查记录')
  await page.until(() => kept(id)?.state === 'waiting', 'the visit kept 未上传')
  return page
}

/** The page shown again as WeChat shows it: after a hide (another page or the app in the background). */
const showAgain = (page: { lifecycle(name: string): void }) => {
  page.lifecycle('onHide')
  page.lifecycle('onShow')
}

test('the network is cut mid-visit: nothing is lost, and nothing is recorded twice when replies are lost on the way back', async () => {
  const id = await caseAtVisit('demo-field-worker-1')
  const page = await visitOffline(id, '朋普河林场职工宿舍3号')
  expect(kept(id)).toMatchObject({ state: 'waiting', fields: { place: '朋普河林场职工宿舍3号' }, photos: [{ path: expect.stringMatching(/^http:\/\/store\//) }] })
  await page.until((t) => t.includes('未上传'), 'the 未上传 card')
  page.detach()
  expect((await w.deps.store.repos.applications.get(id))!.status).toBe('visiting')
  // The app opened again still without signal: the case cannot load, the kept visit is named.
  const offline = await w.open('review/case/index', { id })
  await offline.until((t) => t.includes('本机保存着这个案件的入户调查记录'), 'the kept visit named offline')
  offline.detach()

  // The network returns; the photo's registration runs but its reply is lost.
  w.answers.loseReplyOf = ['review.registerVisitPhoto']
  w.setNetwork('up')
  const back = await w.open('review/case/index', { id })
  await back.until(() => w.answers.loseReplyOf.length === 0, 'the photo sent')
  await back.until((t) => t.includes('立即上传'), 'the card still 未上传')
  // Then the record's reply is lost.
  w.answers.loseReplyOf = ['review.recordVisit']
  await settle(300)
  back.tap('立即上传')
  await back.until(() => w.answers.loseReplyOf.length === 0, 'the record sent')
  await back.until((t) => t.includes('立即上传'), 'the card after the lost reply')
  await settle(300)
  back.tap('立即上传')
  await back.until(() => kept(id) === undefined, 'the kept visit cleared')

  const rec = (await w.deps.store.repos.applications.get(id))!
  const visits = (rec.review ?? []).filter((e) => e.kind === 'visit')
  expect(rec.status).toBe('verifying')
  expect(visits).toHaveLength(1)
  expect(rec.visitPhotos).toHaveLength(1)
  expect(visits[0]).toMatchObject({ place: '朋普河林场职工宿舍3号', photoIds: [rec.visitPhotos![0].id], capturedAt: expect.any(String) })
  expect(Date.parse((visits[0] as { capturedAt: string }).capturedAt)).toBeLessThan(Date.parse(visits[0].at))
  const audit = await w.deps.store.repos.audit.list(null, 100_000)
  expect(audit.filter((e) => e.subject === id && e.action === 'application.recordVisit')).toHaveLength(1)
  expect(audit.filter((e) => e.subject === id && e.action === 'application.visitPhoto.add')).toHaveLength(1)
  back.detach()
})

test('a case that changed while the visit was kept is shown to the caseworker, not overwritten', async () => {
  const id = await caseAtVisit('demo-field-worker-2')
  const page = await visitOffline(id, '东风林干校家属区')
  page.detach()
  // Meanwhile the case is turned down at the visit (the record kept on the phone would say otherwise).
  await call(CASEWORKER, 'review', 'reject', { id, expectedVersion: await version(id), reasonCode: 'unreachable', text: '' })
  w.setNetwork('up')
  const back = await w.open('review/case/index', { id })
  await back.until((t) => t.includes('案件已进入其他环节'), 'the conflict shown')
  expect(kept(id)).toMatchObject({ state: 'conflict', fields: { place: '东风林干校家属区' } })
  const rec = (await w.deps.store.repos.applications.get(id))!
  expect(rec.status).toBe('rejected')
  expect((rec.review ?? []).filter((e) => e.kind === 'visit')).toHaveLength(0)
  back.detach()
})

test('户户清: an item confirmed without signal is kept 未上传 and recorded once when the network returns, a reply lost on the way', async () => {
  const startsOn = addDays(shanghaiDate(new Date()), 1)
  const { id: campaignId } = await call<{ id: string }>(ADMIN, 'households', 'openCampaign', { name: '朋普镇户户清复核', startsOn, endsOn: addDays(startsOn, 60), unitIds: ['unit-532504001'] })
  const scope = await call<{ households: { items: { householdId: string }[] } }>(CASEWORKER, 'households', 'campaign', { campaignId, page: 1, pageSize: 20 })
  let householdId = ''
  for (const h of scope.households.items) {
    const check = await call<{ mayRecord: boolean; record: { items: Record<string, unknown> } | null }>(CASEWORKER, 'households', 'check', { campaignId, householdId: h.householdId })
    if (check.mayRecord && !check.record?.items.household) {
      householdId = h.householdId
      break
    }
  }
  expect(householdId).not.toBe('')
  w.as(CASEWORKER)
  w.setNetwork('up')
  const page = await w.open('households/check/index', { campaignId, householdId })
  await page.until((t) => t.includes('六清核查'), 'the check')
  await settle(100)
  w.setNetwork('down')
  // Every unrecorded item opens with its form: the first one, 家庭基本情况.
  // 无变化 answers and saves in one tap.
  page.tap(firstReading(page, '无变化'))
  const keptCheck = () => w.storage.get(`lantian.kept.v1.check.${campaignId}:${householdId}`) as { fields: { items: Record<string, { capturedAt: string }> } } | undefined
  await page.until((t) => t.includes('未上传'), 'the item kept 未上传')
  expect(keptCheck()?.fields.items.household).toMatchObject({ capturedAt: expect.any(String) })
  page.detach()

  w.answers.loseReplyOf = ['households.confirmItem']
  w.setNetwork('up')
  const back = await w.open('households/check/index', { campaignId, householdId })
  // The first send's reply is lost; the item is sent again with its request id until one arrives.
  await back.until(() => w.answers.loseReplyOf.length === 0, 'the item sent, its reply lost')
  if (keptCheck()) showAgain(back)
  await back.until(() => keptCheck() === undefined, 'the kept item cleared')
  const check = await call<{ record: { items: Record<string, { capturedAt?: string; confirmed: boolean }> } }>(CASEWORKER, 'households', 'check', { campaignId, householdId })
  expect(check.record.items.household).toMatchObject({ confirmed: true, capturedAt: expect.any(String) })
  const audit = await w.deps.store.repos.audit.list(null, 100_000)
  expect(audit.filter((e) => e.action === 'campaign.check.item' && (e.detail as { householdId?: string }).householdId === householdId)).toHaveLength(1)
  back.detach()
})

test('户户清: an item answered 有变化 with a photo, the network cut mid-check and the app closed, is kept and sent once each when the network returns, replies lost on the way', async () => {
  const startsOn = addDays(shanghaiDate(new Date()), 1)
  const { id: campaignId } = await call<{ id: string }>(ADMIN, 'households', 'openCampaign', { name: '朋普镇户户清佐证', startsOn, endsOn: addDays(startsOn, 60), unitIds: ['unit-532504001'] })
  const scope = await call<{ households: { items: { householdId: string }[] } }>(CASEWORKER, 'households', 'campaign', { campaignId, page: 1, pageSize: 20 })
  const householdId = scope.households.items[0]?.householdId ?? ''
  expect(householdId).not.toBe('')
  const keptCheck = () =>
    w.storage.get(`lantian.kept.v1.check.${campaignId}:${householdId}`) as
      | { fields: { items: Record<string, { editing?: boolean; changed?: boolean; note: string; capturedAt: string; photos?: { path?: string; photoId?: string; requestId: string }[] }> } }
      | undefined
  const item = () => keptCheck()?.fields.items.household

  w.as(CASEWORKER)
  w.setNetwork('up')
  const page = await w.open('households/check/index', { campaignId, householdId })
  await page.until((t) => t.includes('六清核查'), 'the check')
  await settle(100)
  // The signal drops in the middle of the check: the first item changed, a photo taken as evidence.
  w.setNetwork('down')
  page.tap(firstReading(page, '有变化'))
  await page.until((t) => t.includes('拍照/选择照片'), 'the evidence photos')
  page.fire(tagged(page, 'textarea')[0], 'input', { value: '户主已在物流园稳定就业' })
  page.tap('拍照/选择照片')
  await page.until(() => (item()?.photos?.length ?? 0) === 1, 'the photo kept on the phone with the answer')
  expect(item()).toMatchObject({ editing: true, changed: true, note: '户主已在物流园稳定就业', photos: [{ path: expect.stringMatching(/^http:\/\/store\//) }] })
  // The app is closed before saving; opened again (a bar of signal to load the household), the answer and its photo are there, not sent.
  page.detach()
  w.setNetwork('up')
  const again = await w.open('households/check/index', { campaignId, householdId })
  // The note as typed (its counter says its 11 characters) and the photo, still 未上传.
  await again.until((t) => t.includes('未上传') && t.includes('已写 11 字'), 'the kept answer shown again')
  expect(again.all('photo-field__thumb')).toHaveLength(1)
  expect(w.calls.filter((c) => c.api === 'cloud.uploadFile' && String(c.args.cloudPath).includes(householdId))).toHaveLength(0)
  // The signal drops again; saved, it waits on the phone.
  w.setNetwork('down')
  again.tap('保存')
  await again.until(() => item() !== undefined && !item()!.editing, 'the item saved 未上传')
  const captured = item()!.capturedAt
  again.detach()
  expect(await w.deps.store.repos.evidence.listByHousehold(householdId, 10)).toEqual([])

  // The network returns: the photo's registration runs but its reply is lost.
  w.answers.loseReplyOf = ['households.registerEvidence']
  w.setNetwork('up')
  const back = await w.open('households/check/index', { campaignId, householdId })
  await back.until(() => w.answers.loseReplyOf.length === 0, 'the photo sent, its reply lost')
  await settle(200)
  expect(item()?.photos?.[0]?.photoId).toBeUndefined()
  // Sent again with its request id (one photo on the server); then the item's own reply is lost.
  w.answers.loseReplyOf = ['households.confirmItem']
  showAgain(back)
  await back.until(() => w.answers.loseReplyOf.length === 0, 'the item sent, its reply lost')
  await settle(200)
  if (keptCheck()) showAgain(back)
  await back.until(() => keptCheck() === undefined, 'the kept check cleared')

  const evidence = await w.deps.store.repos.evidence.listByHousehold(householdId, 10)
  expect(evidence).toHaveLength(1)
  const check = await call<{ record: { items: Record<string, { confirmed: boolean; changed?: boolean; evidenceIds: string[]; capturedAt?: string }> } }>(CASEWORKER, 'households', 'check', { campaignId, householdId })
  expect(check.record.items.household).toMatchObject({ confirmed: true, changed: true, evidenceIds: [evidence[0].id], capturedAt: captured })
  const audit = await w.deps.store.repos.audit.list(null, 100_000)
  expect(audit.filter((e) => e.action === 'household.evidence.add' && e.subject === householdId)).toHaveLength(1)
  expect(audit.filter((e) => e.action === 'campaign.check.item' && (e.detail as { campaignId?: string }).campaignId === campaignId)).toHaveLength(1)
  back.detach()
})

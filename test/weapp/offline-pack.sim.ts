/**
 * A field trip out of signal, on the built mini-program: the caseworker opens the queue with
 * signal (the cases waiting for a visit are kept on the phone), the network is cut, a case never
 * opened before is opened from what was kept (marked 离线资料 with the time it was read), the visit is
 * filled with a photo and saved 未上传, the app is closed and opened again, and when the network
 * returns the visit and its photo reach the case once each, with the time they were captured. The
 * same for a 户户清 household opened first from the campaign's list.
 */
import type { ApiReply } from '../../src/domain'
import { idCheckChar } from '../../src/domain/id-number'
import { addDays } from '../../src/domain/calendar'
import { shanghaiDate } from '../../src/domain'
import { handle } from '../../server/functions'
import { submission } from '../support/forms'
import { ADMIN, CASEWORKER } from './demo-cases'
import { startWeapp, type OpenPage, type Weapp } from './harness'

let w: Weapp
beforeAll(async () => (w = await startWeapp()), 120000)
afterAll(() => w.close())

const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms))
let people = 0
const idNumber = () => {
  const first17 = `5325041971020${String(800 + people++)}`.padEnd(17, '1')
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

const tagged = (page: OpenPage, tag: string) => Array.from(page.dom.querySelectorAll('*')).filter((e) => e.tagName.toLowerCase().endsWith(tag))
const firstReading = (page: OpenPage, text: string) =>
  Array.from(page.dom.querySelectorAll('*')).find((e) => e.textContent?.trim() === text && !Array.from(e.children).some((c) => c.textContent?.trim() === text))!
type Kept = { state: string; capturedAt: string; fields: { place: string }; photos: { path?: string; photoId?: string }[] }
const kept = (id: string) => w.storage.get(`lantian.kept.v1.visit.${id}`) as Kept | undefined
const pack = () => w.storage.get('lantian.pack.v1.visits') as { at: string; items: { id: string; nameMasked: string }[] } | undefined
/** The calls of one action that reached the server (the network up). */
const sent = (action: string, from: number) =>
  w.calls.slice(from).filter((c) => c.api === 'cloud.callFunction' && (c.args as { data: { action: string } }).data.action === action).length

test('a case never opened is visited without signal from what the queue kept, through a closed app, and sent once when the network returns', async () => {
  const id = await caseAtVisit('demo-pack-worker-1')
  w.as(CASEWORKER)
  w.setNetwork('up')
  const queue = await w.open('review/queue/index')
  await queue.until(() => (pack()?.items ?? []).some((c) => c.id === id), 'the case kept on the phone')
  queue.detach()
  // Masked values only: the worker's name is not kept in full.
  const packed = pack()!.items.find((c) => c.id === id)!
  expect(packed.nameMasked).toMatch(/\*/)
  expect(JSON.stringify(pack())).not.toMatch(/\d{17}[\dX]/)

  // Out of signal: the case opens from the phone, marked with the time it was kept.
  w.setNetwork('down')
  const page = await w.open('review/case/index', { id })
  await page.until((t) => t.includes('离线资料（') && t.includes('记录入户调查'), 'the case from the phone')
  expect(page.text()).toMatch(/离线资料（\d{1,2}月\d{1,2}日 \d{2}:\d{2}）/)
  page.tap('记录入户调查')
  await page.until((t) => t.includes('六清核查情况'), 'the visit form')
  // Without signal the form cannot ask who is signed in: both names are typed.
  const inputs = tagged(page, 'input')
  page.fire(inputs[0], 'input', { value: '李娟' })
  page.fire(inputs[1], 'input', { value: '王芳' })
  page.fire(inputs[2], 'input', { value: '朋普河林场职工宿舍5号' })
  for (const [i, area] of tagged(page, 'textarea').entries()) page.fire(area, 'input', { value: `第${i + 1}项已逐项核实，情况属实` })
  page.tap('拍照')
  await page.until(() => (kept(id)?.photos.length ?? 0) === 1, 'the photo kept on the phone')
  page.tap('已收取签字的家庭经济状况核对授权书')
  await settle()
  page.tap('保存调查记录')
  await page.until(() => kept(id)?.state === 'waiting', 'the visit kept 未上传')
  await page.until((t) => t.includes('入户调查记录（未上传）'), 'the 未上传 card')
  const capturedAt = kept(id)!.capturedAt
  const savedPhoto = kept(id)!.photos[0].path
  expect(savedPhoto).toMatch(/^http:\/\/store\//)
  // The app is closed.
  page.detach()

  // Opened again, still without signal: the case from the phone, the visit still 未上传.
  const again = await w.open('review/case/index', { id })
  await again.until((t) => t.includes('离线资料（') && t.includes('入户调查记录（未上传）'), 'the kept visit after reopening')
  expect(kept(id)).toMatchObject({ state: 'waiting', fields: { place: '朋普河林场职工宿舍5号' } })

  // The network returns: the visit goes up by itself, once, and the page shows the case as it is now.
  const from = w.calls.length
  w.setNetwork('up')
  await again.until(() => kept(id) === undefined, 'the kept visit sent')
  await again.until((t) => !t.includes('离线资料（') && t.includes('入户调查'), 'the case read again')
  await settle(300)
  expect(sent('recordVisit', from)).toBe(1)
  expect(sent('registerVisitPhoto', from)).toBe(1)

  const rec = (await w.deps.store.repos.applications.get(id))!
  const visits = (rec.review ?? []).filter((e) => e.kind === 'visit')
  expect(rec.status).toBe('verifying')
  expect(visits).toHaveLength(1)
  expect(rec.visitPhotos).toHaveLength(1)
  expect(visits[0]).toMatchObject({ place: '朋普河林场职工宿舍5号', photoIds: [rec.visitPhotos![0].id], capturedAt })
  expect(Date.parse(capturedAt)).toBeLessThan(Date.parse(visits[0].at))
  const audit = await w.deps.store.repos.audit.list(null, 100_000)
  expect(audit.filter((e) => e.subject === id && e.action === 'application.recordVisit')).toHaveLength(1)
  expect(audit.filter((e) => e.subject === id && e.action === 'application.visitPhoto.add')).toHaveLength(1)
  // The photo's saved file left the phone with it.
  expect(w.calls.filter((c) => c.api === 'removeSavedFile').map((c) => (c.args as { filePath: string }).filePath)).toContain(savedPhoto)
  again.detach()
})

test('户户清: a household never opened is checked without signal from what the campaign kept, and recorded once when the network returns', async () => {
  const startsOn = addDays(shanghaiDate(new Date()), 1)
  const { id: campaignId } = await call<{ id: string }>(ADMIN, 'households', 'openCampaign', { name: '东风林干校户户清', startsOn, endsOn: addDays(startsOn, 60), unitIds: ['unit-532504001'] })
  w.as(CASEWORKER)
  w.setNetwork('up')
  const list = await w.open('households/campaign/index', { id: campaignId })
  const checks = () => w.storage.get(`lantian.pack.v1.checks.${campaignId}`) as { at: string; items: { checks: { household: { id: string } }[] }[] } | undefined
  await list.until(() => (checks()?.items[0]?.checks.length ?? 0) > 0, 'the households kept on the phone')
  list.detach()
  const householdId = checks()!.items[0].checks[0].household.id

  w.setNetwork('down')
  const page = await w.open('households/check/index', { campaignId, householdId })
  await page.until((t) => t.includes('离线资料（') && t.includes('六清核查'), 'the check from the phone')
  page.tap(firstReading(page, '无变化'))
  const keptCheck = () => w.storage.get(`lantian.kept.v1.check.${campaignId}:${householdId}`) as { fields: { items: Record<string, { capturedAt: string }> } } | undefined
  await page.until((t) => t.includes('未上传'), 'the item kept 未上传')
  const capturedAt = keptCheck()!.fields.items.household.capturedAt
  page.detach()

  const from = w.calls.length
  w.setNetwork('up')
  const back = await w.open('households/check/index', { campaignId, householdId })
  await back.until(() => keptCheck() === undefined, 'the kept item sent')
  await back.until((t) => !t.includes('离线资料（'), 'the check read again')
  expect(sent('confirmItem', from)).toBe(1)
  const check = await call<{ record: { items: Record<string, { capturedAt?: string; confirmed: boolean }> } }>(CASEWORKER, 'households', 'check', { campaignId, householdId })
  expect(check.record.items.household).toMatchObject({ confirmed: true, changed: false, capturedAt })
  const audit = await w.deps.store.repos.audit.list(null, 100_000)
  expect(audit.filter((e) => e.action === 'campaign.check.item' && (e.detail as { householdId?: string }).householdId === householdId)).toHaveLength(1)
  back.detach()
})

test('cases kept more than 72 hours ago are not shown, and leave the phone', async () => {
  const id = await caseAtVisit('demo-pack-worker-2')
  w.as(CASEWORKER)
  w.setNetwork('up')
  const queue = await w.open('review/queue/index')
  await queue.until(() => (pack()?.items ?? []).some((c) => c.id === id), 'the case kept on the phone')
  queue.detach()
  const old = new Date(Date.now() - 73 * 3600_000).toISOString()
  w.storage.set('lantian.pack.v1.visits', { ...pack()!, at: old })
  w.setNetwork('down')
  const page = await w.open('review/case/index', { id })
  await page.until((t) => t.includes('网络连接失败'), 'the page without the case')
  expect(page.text()).not.toContain('离线资料')
  expect(w.storage.has('lantian.pack.v1.visits')).toBe(false)
  page.detach()
  w.setNetwork('up')
})

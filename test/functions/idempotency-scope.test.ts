/**
 * A request id is bound to who sent it, the action and its target. Through the event contract:
 * the same id on the same target and action answers the first reply and writes nothing more; the
 * same id on another target (a case, a household, a form, a station's content) or for another
 * action is CONFLICT with a Chinese message, and writes nothing: never an ok that did nothing.
 */
import { shanghaiDate, type ApiReply } from '../../src/domain'
import { handle } from '../../server/functions'
import { householdFixture, nextIdNumber, type HouseholdFixture } from '../support/households'
import { submission } from '../support/deps'
import { stationFields } from '../support/stations'

const OTHER_TARGET = '这个请求编号已用于另一条记录，请刷新页面后重试'
const OTHER_ACTION = '这个请求编号已用于另一项操作，请刷新页面后重试'
const OTHER_CONTENT = '这个请求已经提交过不同的内容，请刷新页面查看结果后再操作'

describe('request ids scoped by actor, action and target', () => {
  let f: HouseholdFixture
  beforeAll(async () => {
    f = await householdFixture()
  })
  afterAll(() => f.close())

  const send = (openid: string, fn: string, action: string, input: Record<string, unknown>, requestId: string) =>
    handle(fn, { action, input, requestId }, { openid }, f.deps) as Promise<ApiReply<{ id: string } & Record<string, unknown>>>
  const version = async (id: string) => (await f.deps.store.repos.applications.get(id))!.version

  it('review decisions: an id used on case A does not decide case B, nor another stage of A', async () => {
    const a = await f.submit('w-idem-a', 'unit-a1', { idNumber: nextIdNumber(), memberIds: [] })
    const b = await f.submit('w-idem-b', 'unit-a1', { idNumber: nextIdNumber(), memberIds: [] })
    const first = await send('o-caseworker', 'review', 'startScreening', { id: a, expectedVersion: await version(a) }, 'req-review-0001')
    expect(first).toMatchObject({ ok: true, data: { application: { id: a, status: 'screening' } } })
    const onB = await send('o-caseworker', 'review', 'startScreening', { id: b, expectedVersion: await version(b) }, 'req-review-0001')
    expect(onB).toEqual({ ok: false, error: { code: 'CONFLICT', message: OTHER_TARGET } })
    expect((await f.deps.store.repos.applications.get(b))!.status).toBe('submitted')
    // The same decision retried answers as the first time did, and decides nothing more.
    const versionA = await version(a)
    expect(await send('o-caseworker', 'review', 'startScreening', { id: a, expectedVersion: versionA - 1 }, 'req-review-0001')).toMatchObject({ ok: true, data: { application: { id: a } } })
    expect(await version(a)).toBe(versionA)
    expect(await send('o-caseworker', 'review', 'acceptScreening', { id: a, expectedVersion: versionA, note: '' }, 'req-review-0001')).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: OTHER_ACTION },
    })
    expect((await f.deps.store.repos.applications.get(a))!.status).toBe('screening')
    // Another person's id is theirs alone: the same string from someone else is a new request.
    expect(await send('o-caseworker-2', 'review', 'startScreening', { id: b, expectedVersion: await version(b) }, 'req-review-0001')).toMatchObject({ ok: true, data: { application: { status: 'screening' } } })
  })

  it('a household write: an id used on one household adds nothing to another, nor for another action', async () => {
    const h1 = (await f.file()).id
    const h2 = (await f.file()).id
    const contact = (householdId: string) => ({ householdId, kind: 'phone', on: shanghaiDate(f.clock.now()), notes: '电话了解近况', nextStep: '' })
    expect(await send('o-caseworker', 'households', 'addContact', contact(h1), 'req-house-0001')).toMatchObject({ ok: true })
    expect(await send('o-caseworker', 'households', 'addContact', contact(h2), 'req-house-0001')).toEqual({ ok: false, error: { code: 'CONFLICT', message: OTHER_TARGET } })
    expect(await send('o-caseworker', 'households', 'addMeasure', { householdId: h1, kind: 'medical', description: '医疗救助' }, 'req-house-0001')).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: OTHER_ACTION },
    })
    expect(await send('o-caseworker', 'households', 'addContact', contact(h1), 'req-house-0001')).toMatchObject({ ok: true })
    expect((await f.deps.store.repos.contacts.listByHousehold(h1, { offset: 0, limit: 10 })).total).toBe(1)
    expect((await f.deps.store.repos.contacts.listByHousehold(h2, { offset: 0, limit: 10 })).total).toBe(0)
    expect(await f.deps.store.repos.measures.listByHousehold(h1)).toEqual([])
  })

  it('a submit: the same form retried gets its first reply; other content under the same id is refused', async () => {
    const form = submission({ idNumber: nextIdNumber(), memberIds: [] })
    form.form.applicant.unitId = 'unit-a1'
    const first = await send('w-idem-submit', 'applicant', 'submit', form, 'req-submit-001')
    expect(first).toMatchObject({ ok: true, data: { status: 'submitted' } })
    expect(await send('w-idem-submit', 'applicant', 'submit', form, 'req-submit-001')).toEqual(first)
    const changed = { ...form, form: { ...form.form, applicant: { ...form.form.applicant, phone: '13987654321' } } }
    expect(await send('w-idem-submit', 'applicant', 'submit', changed, 'req-submit-001')).toEqual({ ok: false, error: { code: 'CONFLICT', message: OTHER_CONTENT } })
    // Resubmitting is another action: the submit's id (kept on the application) does not answer for it,
    // and the resubmit is refused by the case's state; nothing is written twice.
    const id = first.ok ? first.data.id : ''
    expect(await send('w-idem-submit', 'applicant', 'resubmit', { ...form, id, expectedVersion: 1 }, 'req-submit-001')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const mine = await f.deps.store.repos.applications.listByApplicant('w-idem-submit', { offset: 0, limit: 10 })
    expect(mine.items).toHaveLength(1)
  })

  it('a station create: the same content retried makes one station; other content under the same id makes none', async () => {
    const create = (over = {}) => send('o-city-admin', 'stations', 'create', { station: stationFields({ externalId: undefined, ...over }) }, 'req-station-01')
    const first = await create()
    expect(first).toMatchObject({ ok: true })
    expect(await create()).toEqual(first)
    expect(await create({ name: '太平街道职工驿站' })).toEqual({ ok: false, error: { code: 'CONFLICT', message: OTHER_CONTENT } })
    const all = await f.deps.store.repos.stations.list({ offset: 0, limit: 50 })
    expect(all.map((s) => s.name)).toEqual(['弥阳街道职工驿站'])
    // And a report on that station under the station's id is another action.
    const stationId = first.ok ? first.data.id : ''
    expect(await send('o-city-admin', 'stations', 'reportProblem', { stationId, problem: 'closed', note: '' }, 'req-station-01')).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: OTHER_ACTION },
    })
  })
})

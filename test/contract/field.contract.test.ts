/**
 * 代为申请 and 电话联系 on both stores, through the event contract like a client: a caseworker
 * types an application for a worker of their jurisdiction (authorisation required), the case
 * names the typist, the worker takes it into their own WeChat with a one-time code, a relative
 * applies naming the relation; decisions no WeChat message can carry and returned cases past their
 * deadline put a task in the caseworker's queue, closed by a call logged on the case.
 */
import type { ApiReply } from '../../src/domain'
import type { CallTaskPage, TakeoverCode } from '../../src/domain/api/review-field'
import { handleUpload } from '../../server/functions/upload'
import type { Store } from '../../server/ports'
import { openOverdueCalls } from '../../server/usecases/review/calls'
import { submission, MORE_ID_NUMBERS } from '../support/forms'
import { shanghaiDate } from '../../src/domain'
import { handle } from '../../server/functions'
import { DAY, JPEG, REVIEW_POLICY, reviewFixture, visitInput, type ReviewFixture } from '../support/review'
import { contractStores } from './stores'

const { factories } = contractStores()

const data = <T>(r: ApiReply<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`)
  return r.data as T
}
const errorOf = (r: ApiReply<unknown>) => (r.ok ? null : { code: r.error.code, field: r.error.field })

describe.each(factories)('field work: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  let t: ReviewFixture
  beforeEach(async () => {
    ;({ store, close } = open())
    t = await reviewFixture(store)
  })
  afterEach(async () => {
    await t.close()
    await close()
  })

  const upload = (openid: string, query: Record<string, string>) => handleUpload(query, JPEG, { openid }, t.deps)

  /** The caseworker types and submits an application for a worker of unit-a1; returns its id. */
  async function assisted(): Promise<string> {
    const { id } = data<{ id: string }>(await t.call('o-caseworker', 'review', 'startAssisted', { unitId: 'unit-a1' }))
    const s = submission({ idNumber: MORE_ID_NUMBERS[0], name: '王老五' })
    s.form.applicant.unitId = 'unit-a1'
    data(await t.call('o-caseworker', 'applicant', 'saveDraft', { values: s.form, step: 'documents', consent: s.consent, assisted: id }))
    expect(errorOf(await t.call('o-caseworker', 'applicant', 'submit', { ...s, assisted: id }))).toEqual({ code: 'VALIDATION', field: 'documents' })
    data(await upload('o-caseworker', { applicationId: id, kind: 'authorisation', fileName: '授权书.jpg', assisted: id }))
    data(await t.call('o-caseworker', 'applicant', 'submit', { ...s, assisted: id }))
    return id
  }

  it('a caseworker types an application for a worker, who takes it into their own WeChat with the code on paper', async () => {
    // Only in the jurisdiction, and only the caseworker's own kind of draft.
    expect(errorOf(await t.call('o-caseworker', 'review', 'startAssisted', { unitId: 'unit-b1' }))).toEqual({ code: 'NOT_FOUND', field: 'unitId' })
    const id = await assisted()
    expect(errorOf(await t.call('o-b-staff', 'applicant', 'getDraft', { assisted: id }))).toEqual({ code: 'NOT_FOUND', field: 'assisted' })
    expect((await store.repos.applications.listByApplicant('o-caseworker', { offset: 0, limit: 5 })).total).toBe(0)

    // What the caseworker did as the placeholder applicant is audited under the caseworker's own name.
    const typed = (await store.repos.audit.list(null, 500)).filter((e) => e.subject === id && ['application.consent', 'application.document.add', 'application.submit'].includes(e.action))
    expect(typed.map((e) => [e.action, e.actor])).toEqual([
      ['application.consent', 'o-caseworker'],
      ['application.document.add', 'o-caseworker'],
      ['application.submit', 'o-caseworker'],
    ])

    const c = await t.view('o-caseworker-2', id)
    expect(c.application.typedBy).toEqual({ kind: 'caseworker', name: '李娟', at: expect.any(String) })
    expect(c.application.documents.map((d) => d.kind)).toEqual(['authorisation'])

    // A worker without WeChat hears of a return by phone: the task is in the queue.
    await t.act('o-caseworker', 'startScreening', id)
    data(await t.act('o-caseworker', 'returnToWorker', id, { fieldsToFix: ['applicant.phone'], reason: '电话号码需核实' }))
    const tasks = data<CallTaskPage>(await t.call('o-caseworker-2', 'review', 'callTasks', {}))
    expect(tasks.items.map((x) => [x.number, x.reasons, x.typedBy])).toEqual([[c.application.number, ['no-subscription'], '工作人员李娟代为申请']])
    expect(data<CallTaskPage>(await t.call('o-b-staff', 'review', 'callTasks', {})).total).toBe(0)

    const code = data<TakeoverCode>(await t.call('o-caseworker', 'review', 'issueTakeover', { id }))
    expect(code.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    // A take-over code is not a staff invitation, and a staff invitation list does not show it.
    expect(errorOf(await t.call('w-old', 'account', 'redeemInvitation', { code: code.code }))).toEqual({ code: 'VALIDATION', field: 'code' })
    expect(data<{ total: number }>(await t.call('o-town-admin', 'admin', 'listInvitations', {})).total).toBe(0)

    expect(data(await t.call('w-old', 'applicant', 'takeOver', { code: code.code.toLowerCase() }))).toEqual({ id, number: c.application.number })
    expect(errorOf(await t.call('w-other', 'applicant', 'takeOver', { code: code.code }))).toEqual({ code: 'CONFLICT', field: 'code' })
    const mine = data<{ items: { id: string }[] }>(await t.call('w-old', 'applicant', 'listMine', {}))
    expect(mine.items.map((x) => x.id)).toEqual([id])
    // The caseworker can no longer type it; the worker fixes it and hears of what follows.
    expect(errorOf(await t.call('o-caseworker', 'applicant', 'getDraft', { assisted: id }))?.code).toBe('NOT_FOUND')
    expect(data<{ draft: { typedBy: { takenOverAt?: string } } }>(await t.call('w-old', 'applicant', 'getDraft', {})).draft.typedBy.takenOverAt).toEqual(expect.any(String))
    expect((await store.repos.messages.listFor('w-old', { offset: 0, limit: 5 })).items.map((m) => m.title)).toContain('已认领申请')

    // The worker resubmits from their own WeChat; the next decision's message goes to them, not to the caseworker who typed it.
    const fixed = submission({ idNumber: MORE_ID_NUMBERS[0], name: '王老五' })
    fixed.form.applicant.unitId = 'unit-a1'
    fixed.form.applicant.phone = '13987650001'
    const returned = data<{ draft: { version: number } }>(await t.call('w-old', 'applicant', 'getDraft', {})).draft
    data(await t.call('w-old', 'applicant', 'resubmit', { ...fixed, id, expectedVersion: returned.version }))
    const before = (await store.repos.messages.listFor('w-old', { offset: 0, limit: 50 })).items.length
    await t.act('o-caseworker', 'startScreening', id)
    const after = (await store.repos.messages.listFor('w-old', { offset: 0, limit: 50 })).items
    expect(after.length).toBe(before + 1)
    expect(after.every((m) => m.applicationId === id)).toBe(true)
    expect((await store.repos.messages.listFor('o-caseworker', { offset: 0, limit: 50 })).items.filter((m) => m.applicationId === id)).toEqual([])
  })

  it('logs calls on the case: an unanswered one keeps the task, a reached one closes it; both audited', async () => {
    const id = await t.submit('w1')
    await t.act('o-caseworker', 'startScreening', id)
    data(await t.act('o-caseworker', 'returnToWorker', id, { fieldsToFix: ['applicant.phone'], reason: '电话号码需核实' }))
    let c = data<{ callTask: { attempts: number } | null; review: { kind: string }[] }>(await t.call('o-caseworker', 'review', 'logCall', { id, outcome: 'no-answer', note: '上午无人接' }))
    expect(c.callTask?.attempts).toBe(1)
    c = data(await t.call('o-caseworker', 'review', 'logCall', { id, outcome: 'reached', note: '已告知修改电话' }))
    expect(c.callTask).toBeNull()
    expect(c.review.filter((e) => e.kind === 'call')).toHaveLength(2)
    expect(data<CallTaskPage>(await t.call('o-caseworker', 'review', 'callTasks', {})).total).toBe(0)
    expect(errorOf(await t.call('o-caseworker', 'review', 'logCall', { id, outcome: 'maybe' }))).toEqual({ code: 'VALIDATION', field: 'outcome' })
    const events = await store.repos.audit.list(null, 500)
    expect(events.filter((e) => e.action === 'application.call' && e.subject === id).map((e) => e.detail.task)).toEqual(['open', 'done'])
  })

  it('a returned case past the policy’s days opens a task once per return, even after its call closed it', async () => {
    await store.repos.policies.put({ ...REVIEW_POLICY, stageDeadlineDays: { ...REVIEW_POLICY.stageDeadlineDays, returned: 3 } })
    const id = await t.submit('w1')
    await t.act('o-caseworker', 'startScreening', id)
    await t.act('o-caseworker', 'returnToWorker', id, { fieldsToFix: ['applicant.phone'], reason: '电话号码需核实' })
    await t.call('o-caseworker', 'review', 'logCall', { id, outcome: 'reached', note: '' })
    expect(await openOverdueCalls(t.deps)).toBe(0)
    // Three working days (src/domain/review.ts): at least three calendar days, more over a weekend.
    const untilDue = Date.parse((await store.repos.applications.get(id))!.dueAt!) - t.clock.now().getTime()
    expect(untilDue).toBeGreaterThanOrEqual(3 * DAY)
    t.clock.advance(untilDue - 1000)
    expect(await openOverdueCalls(t.deps)).toBe(0)
    t.clock.advance(2000)
    expect(await openOverdueCalls(t.deps)).toBe(1)
    expect(await openOverdueCalls(t.deps)).toBe(0)
    const tasks = data<CallTaskPage>(await t.call('o-caseworker', 'review', 'callTasks', {}))
    expect(tasks.items.map((x) => x.reasons)).toEqual([['returned-overdue']])
    await t.call('o-caseworker', 'review', 'logCall', { id, outcome: 'reached', note: '' })
    expect(await openOverdueCalls(t.deps)).toBe(0)
  })

  it('a kept visit sent again: its photo and its record land once, with the time they were captured', async () => {
    const id = await t.submit('w1')
    await t.walkTo(id, 'visiting')
    const photo = (requestId: string) => upload('o-caseworker', { purpose: 'visit', applicationId: id, fileName: 'p.jpg', requestId })
    const first = data<{ id: string }>(await photo('photo-request-1'))
    expect(data<{ id: string }>(await photo('photo-request-1')).id).toBe(first.id)
    expect((await store.repos.applications.get(id))!.visitPhotos).toHaveLength(1)
    const capturedAt = new Date(t.clock.now().getTime() - 3600_000).toISOString()
    const expectedVersion = (await store.repos.applications.get(id))!.version
    const visit = { id, expectedVersion, ...visitInput({ date: shanghaiDate(t.clock.now()) }), photoIds: [first.id], capturedAt }
    const send = () => handle('review', { action: 'recordVisit', input: visit, requestId: 'visit-request-1' }, { openid: 'o-caseworker' }, t.deps)
    expect((await send()).ok).toBe(true)
    expect((await send()).ok).toBe(true)
    const rec = (await store.repos.applications.get(id))!
    expect(rec.review!.filter((e) => e.kind === 'visit')).toMatchObject([{ capturedAt, photoIds: [first.id] }])
    // A capture time in the future is refused, naming the field.
    expect(errorOf(await t.act('o-caseworker', 'recordVisit', id, { ...visitInput({ date: shanghaiDate(t.clock.now()) }), capturedAt: '2099-01-01T00:00:00.000Z' }))).toEqual({ code: 'VALIDATION', field: 'capturedAt' })
  })

  it('a relative applies naming the relation, with the authorisation the same way', async () => {
    const s = submission({ idNumber: MORE_ID_NUMBERS[1] })
    s.form.applicant.unitId = 'unit-a1'
    expect(errorOf(await t.call('w-child', 'applicant', 'saveDraft', { values: s.form, step: 'documents', consent: s.consent, relative: { relation: 'cousin', name: '张小红' } }))).toEqual({
      code: 'VALIDATION',
      field: 'relative.relation',
    })
    const saved = data<{ id: string }>(await t.call('w-child', 'applicant', 'saveDraft', { values: s.form, step: 'documents', consent: s.consent, relative: { relation: 'child', name: '张小红' } }))
    expect(errorOf(await t.call('w-child', 'applicant', 'submit', s))).toEqual({ code: 'VALIDATION', field: 'documents' })
    data(await upload('w-child', { applicationId: saved.id, kind: 'authorisation', fileName: 'auth.jpg' }))
    const { id } = data<{ id: string }>(await t.call('w-child', 'applicant', 'submit', s))
    expect((await t.view('o-caseworker', id)).application.typedBy).toEqual({ kind: 'relative', name: '张小红', relation: 'child', at: expect.any(String) })
  })
})

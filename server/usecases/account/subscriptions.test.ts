/** Recording what a person accepted in WeChat's subscribe dialog, and the staff's daily reminder (SQLite). */
import type { Actor } from '../../../src/domain'
import { REVIEW_POLICY, reviewFixture, type ReviewFixture } from '../../../test/support/review'
import { remindStaff } from '../shared/staff-reminders'
import { MAX_ACCEPTANCES } from '../shared/subscriptions'

const STATUS = 'TPL-STATUS-0001'
const STAFF = 'TPL-STAFF-00001'
let t: ReviewFixture
beforeEach(async () => {
  t = await reviewFixture()
  // Town a sets its templates; town b none (the city's policy above it has none either).
  await t.deps.store.repos.policies.put({ ...REVIEW_POLICY, unitId: 'unit-a', subscribeTemplateIds: { statusChanged: STATUS, casesWaiting: STAFF } })
})
afterEach(() => t.close())

const worker: Actor = { openid: 'w1', roles: ['worker'] }

test('a worker is offered the status template of the unit they apply to; staff also the reminder of their own unit', async () => {
  expect(await t.call('w1', 'account', 'subscribeTemplates', { unitId: 'unit-a1' })).toEqual({ ok: true, data: { statusChanged: { templateId: STATUS, held: 0 }, casesWaiting: null } })
  expect(await t.call('w1', 'account', 'subscribeTemplates', { unitId: 'unit-b' })).toEqual({ ok: true, data: { statusChanged: null, casesWaiting: null } })
  expect(await t.call('o-caseworker', 'account', 'subscribeTemplates', {})).toMatchObject({ ok: true, data: { casesWaiting: { templateId: STAFF, held: 0 } } })
})

test('each acceptance is counted per template and person, up to a cap; a template not offered is refused naming the field', async () => {
  expect(await t.call('w1', 'account', 'acceptSubscriptions', { unitId: 'unit-a1', accepted: [STATUS] })).toMatchObject({ ok: true, data: { statusChanged: { held: 1 } } })
  expect(await t.call('w1', 'account', 'acceptSubscriptions', { unitId: 'unit-a1', accepted: [STATUS] })).toMatchObject({ ok: true, data: { statusChanged: { held: 2 } } })
  expect(await t.call('w1', 'account', 'acceptSubscriptions', { unitId: 'unit-a1', accepted: [STAFF] })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'accepted' } })
  expect(await t.call('w1', 'account', 'acceptSubscriptions', { unitId: 'unit-b', accepted: [STATUS] })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'accepted' } })
  for (let i = 0; i < MAX_ACCEPTANCES + 5; i++) await t.call('w2', 'account', 'acceptSubscriptions', { unitId: 'unit-a1', accepted: [STATUS] })
  expect((await t.deps.store.repos.subscriptions.get('w2', STATUS))?.remaining).toBe(MAX_ACCEPTANCES)
  expect((await t.deps.store.repos.subscriptions.get(worker.openid, STATUS))?.remaining).toBe(2)
})

test('staff holding the reminder get one a day at 9:00 Shanghai with the cases waiting in their jurisdiction; nobody else', async () => {
  await t.submit('w1', 'unit-a1')
  await t.submit('w2', 'unit-a2x', { idNumber: '11010519491231002X', name: '王大力', memberIds: ['532504200501010018'] })
  await t.call('o-caseworker', 'account', 'acceptSubscriptions', { accepted: [STAFF] })
  await t.call('o-b-staff', 'account', 'acceptSubscriptions', { unitId: 'unit-a1', accepted: [STATUS] })
  // The fixture's clock is 10:00 Shanghai (02:00Z): a run at 08:59 would send nothing yet.
  t.clock.advance(-61 * 60_000)
  expect(await remindStaff(t.deps)).toBe(0)
  t.clock.advance(61 * 60_000)
  expect(await remindStaff(t.deps)).toBe(1)
  expect(await remindStaff(t.deps)).toBe(0)
  const due = await t.deps.store.repos.outbox.due(t.clock.now().toISOString(), 50)
  expect(due.filter((e) => e.kind === 'cases-waiting')).toEqual([
    expect.objectContaining({ recipientOpenid: 'o-caseworker', payload: expect.objectContaining({ unitId: 'unit-a', count: '2', body: '2件申请待处理' }) }),
  ])
})

/** People's requests through the admin function: who may take them, and bad input named by field in Chinese. */
import { addDays, shanghaiDateOf } from '../../../src/domain/calendar'
import { unionTree, type TreeFixture } from '../../../test/support/union-tree'
import type { ApplicationRecord } from '../../ports'

let t: TreeFixture
const AT = '2026-03-02T02:00:00.000Z'
const app: ApplicationRecord = {
  id: 'a-1', number: 'MLS-2026-000001', applicantOpenid: 'o-w', unitId: 'unit-a', status: 'withdrawn', version: 2, name: '张小明', idNumberEnc: '', idNumberHash: '', phoneEnc: '',
  employer: '', mainCause: 'other', timeline: [], createdAt: AT, updatedAt: AT,
}
beforeEach(async () => {
  t = await unionTree()
  await t.deps.store.repos.applications.insert(app)
})
afterEach(() => t.close())

test('a town admin takes a copy request for its own application and sees it due in 30 days; a caseworker may not; another jurisdiction gets NOT_FOUND', async () => {
  const opened = await t.call('o-town-admin', 'admin', 'openPersonRequest', { applicationId: 'a-1', kind: 'copy', note: '  本人要求复制申请资料  ' })
  expect(opened).toMatchObject({ ok: true, data: { kind: 'copy', note: '本人要求复制申请资料', daysLeft: 30, status: 'open', applicationNumber: 'MLS-2026-000001' } })
  // By the application's number, as staff know it.
  expect(await t.call('o-town-admin', 'admin', 'openPersonRequest', { applicationId: 'MLS-2026-000001', kind: 'correct', note: '更正电话号码' })).toMatchObject({ ok: true, data: { applicationId: 'a-1', kind: 'correct' } })
  expect(await t.call('o-town-admin', 'admin', 'listPersonRequests', {})).toMatchObject({ ok: true, data: { items: [{ applicationId: 'a-1', applicationNumber: 'MLS-2026-000001', daysLeft: 30 }, { applicationId: 'a-1' }], total: 2, nextCursor: null } })
  expect(await t.call('o-caseworker', 'admin', 'openPersonRequest', { applicationId: 'a-1', kind: 'copy', note: '要复制' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  expect(await t.call('o-b-admin', 'admin', 'openPersonRequest', { applicationId: 'a-1', kind: 'copy', note: '要复制' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', field: 'applicationId' } })
})

test('a kind not on the list, a one-letter note or an unknown key is VALIDATION naming the field', async () => {
  expect(await t.call('o-town-admin', 'admin', 'openPersonRequest', { applicationId: 'a-1', kind: 'sell', note: '要复制资料' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'kind', message: expect.stringContaining('请选择请求类型') } })
  expect(await t.call('o-town-admin', 'admin', 'openPersonRequest', { applicationId: 'a-1', kind: 'copy', note: '要' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'note' } })
  expect(await t.call('o-town-admin', 'admin', 'listPersonRequests', { unitId: 'unit-a' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  expect(await t.call('o-town-admin', 'admin', 'listPersonRequests', { cursor: 'bm9wZQ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'cursor' } })
  expect(await t.call('o-town-admin', 'admin', 'listPersonRequests', { pageSize: 51 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'pageSize' } })
})

test('a request received earlier is due 30 days after its receipt; a future day or one older than the window is VALIDATION on receivedOn', async () => {
  const today = shanghaiDateOf(t.clock.now())
  const opened = await t.call('o-town-admin', 'admin', 'openPersonRequest', { applicationId: 'a-1', kind: 'delete', note: '本人来信要求删除', receivedOn: addDays(today, -10) })
  expect(opened).toMatchObject({ ok: true, data: { receivedOn: addDays(today, -10), dueOn: addDays(today, 20), daysLeft: 20 } })
  for (const receivedOn of [addDays(today, 1), addDays(today, -31), '2026-13-01']) {
    expect(await t.call('o-town-admin', 'admin', 'openPersonRequest', { applicationId: 'a-1', kind: 'copy', note: '要复制资料', receivedOn })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'receivedOn' } })
  }
})

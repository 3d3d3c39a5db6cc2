/** A person's request about their data, on both stores: taken with its deadline, shown with the days left, closed, each step audited. */
import { randomBytes } from 'node:crypto'
import { createCipher } from '../../server/adapters/node-cipher'
import type { ApplicationRecord, Deps, FileStore, Store } from '../../server/ports'
import { randomIds } from '../../server/runtime'
import { closePersonRequest, listPersonRequests, openPersonRequest, PERSON_REQUEST_DAYS } from '../../server/usecases/lifecycle/person-requests'
import type { Actor } from '../../src/domain'
import { contractStores } from '../contract/stores'
import { seedTestUnits, TestClock } from '../support/deps'

const { factories } = contractStores()
const reviewer: Actor = { openid: 'o-rev', roles: ['worker', 'reviewer'], unitId: 'unit-root' }
const township: Actor = { openid: 'o-town', roles: ['worker', 'reviewer'], unitId: 'unit-532504001' }
const caseworker: Actor = { openid: 'o-cw', roles: ['worker', 'caseworker'], unitId: 'unit-root' }
const AT = '2026-03-02T02:00:00.000Z'
const app: ApplicationRecord = {
  id: 'a-1', number: 'MLS-2026-000001', applicantOpenid: 'o-w', unitId: 'unit-root', status: 'rejected', version: 2, name: '张小明', idNumberEnc: '', idNumberHash: '', phoneEnc: '',
  employer: '', mainCause: 'other', timeline: [], createdAt: AT, updatedAt: AT,
}

describe.each(factories)('person requests: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  let clock: TestClock
  let deps: Deps
  beforeEach(async () => {
    ;({ store, close } = open())
    await seedTestUnits(store)
    await store.repos.applications.insert(app)
    clock = new TestClock(new Date('2026-03-02T02:00:00Z'))
    deps = { store, clock, ids: randomIds, cipher: createCipher(randomBytes(32)), settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: {} as FileStore }
  })
  afterEach(() => close())

  test(`a deletion request is due ${PERSON_REQUEST_DAYS} days after it came in, counts down, shows overdue, and closes once`, async () => {
    const opened = await openPersonRequest(deps, reviewer, { applicationId: 'a-1', kind: 'delete', note: '本人来电要求删除身份证照片' })
    expect(opened).toMatchObject({ receivedOn: '2026-03-02', dueOn: '2026-04-01', status: 'open', daysLeft: 30, overdue: false })
    clock.advance(31 * 86_400_000)
    expect((await listPersonRequests(deps, reviewer, { pageSize: 20 })).items).toEqual([expect.objectContaining({ id: opened.id, daysLeft: -1, overdue: true })])
    // Outside the jurisdiction it is not there; a caseworker cannot take requests.
    expect((await listPersonRequests(deps, township, { pageSize: 20 })).items).toEqual([])
    await expect(openPersonRequest(deps, caseworker, { applicationId: 'a-1', kind: 'copy', note: '要一份副本' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(closePersonRequest(deps, township, { id: opened.id, version: 1, status: 'done', outcome: '已删除' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(closePersonRequest(deps, reviewer, { id: opened.id, version: 1, status: 'refused', outcome: ' ' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'outcome' })

    const closed = await closePersonRequest(deps, reviewer, { id: opened.id, version: 1, status: 'done', outcome: '已删除照片并电话告知本人' })
    expect(closed).toMatchObject({ status: 'done', closedBy: 'o-rev', version: 2, overdue: false })
    await expect(closePersonRequest(deps, reviewer, { id: opened.id, version: 1, status: 'done', outcome: '再次处理' })).rejects.toMatchObject({ code: 'CONFLICT' })
    expect((await listPersonRequests(deps, reviewer, { pageSize: 20 })).items).toEqual([])
    const events = (await store.repos.audit.list(null, 10)).map((e) => [e.action, e.subject, e.detail])
    expect(events).toEqual([
      ['person-request.open', 'application:a-1', { requestId: opened.id, kind: 'delete', dueOn: '2026-04-01' }],
      ['person-request.close', 'application:a-1', { requestId: opened.id, status: 'done', dueOn: '2026-04-01', late: true }],
    ])
  })

  test('a letter received earlier, entered by the application number: due 30 days after receipt, listed with the number', async () => {
    const opened = await openPersonRequest(deps, reviewer, { applicationId: 'MLS-2026-000001', kind: 'correct', note: '来信要求更正电话号码', receivedOn: '2026-02-20' })
    expect(opened).toMatchObject({ applicationId: 'a-1', applicationNumber: 'MLS-2026-000001', receivedOn: '2026-02-20', dueOn: '2026-03-22', daysLeft: 20 })
    expect((await listPersonRequests(deps, reviewer, { pageSize: 20 })).items).toEqual([expect.objectContaining({ id: opened.id, applicationNumber: 'MLS-2026-000001', daysLeft: 20 })])
  })

  test('an application outside the jurisdiction, or a kind not on the list, is refused by field', async () => {
    await expect(openPersonRequest(deps, township, { applicationId: 'a-1', kind: 'copy', note: '要一份副本' })).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'applicationId' })
    await expect(openPersonRequest(deps, reviewer, { applicationId: 'a-1', kind: 'sell' as never, note: '要一份副本' })).rejects.toMatchObject({ code: 'VALIDATION', field: 'kind' })
  })
})

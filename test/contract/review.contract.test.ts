/**
 * The review's records and queries on both stores: the queue and its counts, the searches, the
 * notices that ran their time, the household file; the whole chain from submitted to filed; and
 * parallel decisions on one case, of which exactly one applies.
 */
import type { Store } from '../../server/ports'
import { findAuditBreak } from '../../server/usecases/shared/audit-check'
import { endNotices } from '../../server/usecases/review/notices'
import { applicationRecord } from '../support/fixtures'
import { DAY, reviewFixture, type ReviewFixture } from '../support/review'
import { contractStores } from './stores'

const { factories } = contractStores()

const app = applicationRecord

describe.each(factories)('review records: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  beforeEach(() => ({ store, close } = open()))
  afterEach(() => close())

  it('counts a stage of some units and its overdue cases, finds by number and name', async () => {
    const r = store.repos
    for (const u of ['u1', 'u2', 'u3']) await r.units.put({ id: u, name: u, parentId: null, path: [u] })
    await r.applications.insert(app('a', { dueAt: '2026-03-09T00:00:00.000Z' }))
    await r.applications.insert(app('b', { dueAt: '2026-03-05T00:00:00.000Z', unitId: 'u2' }))
    await r.applications.insert(app('c', { dueAt: null }))
    await r.applications.insert(app('d', { dueAt: '2026-03-01T00:00:00.000Z', unitId: 'u3' }))
    await r.applications.insert(app('e', { dueAt: '2026-03-01T00:00:00.000Z', status: 'screening', name: '王大力' }))
    expect((await r.applications.queuePage({ under: 'u1', status: 'submitted', after: null, limit: 10 })).map((x) => x.id)).toEqual(['a', 'c'])
    const submitted = async (unit: string, now: string) => (await r.applications.stageCountsUnder(unit, now)).submitted
    expect(await submitted('u1', '2026-03-06T00:00:00.000Z')).toEqual({ total: 2, overdue: 0 })
    expect(await submitted('u2', '2026-03-06T00:00:00.000Z')).toEqual({ total: 1, overdue: 1 })
    expect(await submitted('u1', '2026-03-10T00:00:00.000Z')).toEqual({ total: 2, overdue: 1 })
    expect(await submitted('u3', '2026-03-10T00:00:00.000Z')).toEqual({ total: 1, overdue: 1 })
    const none = { draft: 0, submitted: 0, screening: 0, visiting: 0, verifying: 0, publicizing: 0, filed: 0, returned: 0, rejected: 0, withdrawn: 0 }
    expect(await r.applications.statusCountsUnder('u1')).toEqual({ ...none, submitted: 2, screening: 1 })
    expect(await r.applications.statusCountsUnder('u3')).toEqual({ ...none, submitted: 1 })
    expect((await r.applications.byNumber('MLS-2026-e'))?.id).toBe('e')
    expect(await r.applications.byNumber('MLS-2026-none')).toBeNull()
    expect((await r.applications.byName('u1', '王大力', 5)).map((x) => x.id)).toEqual(['e'])
    expect(await r.applications.byName('u2', '王大力', 5)).toEqual([])
    // A changed deadline moves the case in the counts.
    const a = (await r.applications.get('a'))!
    expect(await r.applications.update({ ...a, version: 2, dueAt: '2026-03-02T00:00:00.000Z' }, 1)).toBe(true)
    expect(await submitted('u1', '2026-03-06T00:00:00.000Z')).toEqual({ total: 2, overdue: 1 })
    expect(await r.applications.get('a')).toEqual({ ...a, version: 2, dueAt: '2026-03-02T00:00:00.000Z' })
  })

  it('finds notices that ended, earliest first, and only while publicizing', async () => {
    const r = store.repos
    await r.applications.insert(app('n1', { status: 'publicizing', noticeEndsAt: '2026-03-08T00:00:00.000Z' }))
    await r.applications.insert(app('n2', { status: 'publicizing', noticeEndsAt: '2026-03-07T00:00:00.000Z' }))
    await r.applications.insert(app('n3', { status: 'publicizing', noticeEndsAt: '2026-03-20T00:00:00.000Z' }))
    await r.applications.insert(app('n4', { status: 'publicizing', noticeEndsAt: null }))
    await r.applications.insert(app('n5', { status: 'verifying', noticeEndsAt: '2026-03-01T00:00:00.000Z' }))
    expect((await r.applications.noticesEnded('2026-03-10T00:00:00.000Z', 10)).map((x) => x.id)).toEqual(['n2', 'n1'])
    expect((await r.applications.noticesEnded('2026-03-10T00:00:00.000Z', 1)).map((x) => x.id)).toEqual(['n2'])
  })

  it('keeps household files, versioned', async () => {
    const r = store.repos
    const h = {
      id: 'h1', number: 'MLS-H-2026-000001', unitId: 'u1', category: 'deep' as const, status: 'filed' as const, headName: '张小明',
      idNumberEnc: 'v1.x', idNumberHash: 'h', memberCount: 3, applicationIds: ['a'], cadres: [],
      history: [{ id: 'e1', at: '2026-03-02T02:00:00.000Z', by: 'o', byName: '周敏', kind: 'filed' as const, applicationId: 'a', category: 'deep' as const }],
      lastContactOn: null,
      version: 1, filedAt: '2026-03-02T02:00:00.000Z', updatedAt: '2026-03-02T02:00:00.000Z',
    }
    await r.households.insert(h)
    expect(await r.households.get('h1')).toEqual(h)
    expect(await r.households.get('none')).toBeNull()
    expect(await store.transaction((t) => t.households.update({ ...h, status: 'deregistered', version: 2 }, 1))).toBe(true)
    expect(await r.households.update({ ...h, version: 3 }, 1)).toBe(false)
    expect(await r.households.get('h1')).toMatchObject({ status: 'deregistered', version: 2 })
  })
})

describe.each(factories)('the review chain: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  let f: ReviewFixture
  beforeEach(async () => {
    ;({ store, close } = open())
    f = await reviewFixture(store)
  })
  afterEach(async () => {
    await f.close()
    await close()
  })

  it('takes a case from submitted to filed, ending the notice by the timer', async () => {
    const id = await f.submit()
    await f.walkTo(id, 'publicizing')
    f.clock.advance(5 * DAY + 1000)
    expect(await endNotices(f.deps)).toBe(1)
    const filed = await f.act('o-reviewer', 'approveAndFile', id, { category: 'relative' })
    expect(filed).toMatchObject({ ok: true, data: { application: { status: 'filed' }, actions: [] } })
    const household = filed.ok ? await store.repos.households.get(filed.data.householdId!) : null
    expect(household).toMatchObject({ status: 'filed', category: 'relative', applicationIds: [id] })
    const queue = await f.call('o-caseworker', 'review', 'queue', { stage: 'publicizing' })
    expect(queue).toMatchObject({ ok: true, data: { total: 0 } })
    expect(await findAuditBreak(store.repos, f.deps.cipher)).toBeNull()
  })

  it('applies exactly one of many parallel decisions on one version', async () => {
    const id = await f.submit()
    const version = (await store.repos.applications.get(id))!.version
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => f.call(i % 2 ? 'o-caseworker' : 'o-caseworker-2', 'review', 'startScreening', { id, expectedVersion: version })),
    )
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    for (const r of replies.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await store.repos.applications.get(id)).toMatchObject({ status: 'screening', version: version + 1 })
    const events = await store.repos.audit.list(null, 100)
    expect(events.filter((e) => e.action === 'application.startScreening')).toHaveLength(1)
    expect(await findAuditBreak(store.repos, f.deps.cipher)).toBeNull()
  })
})

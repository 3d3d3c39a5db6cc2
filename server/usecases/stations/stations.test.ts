import { findAuditBreak } from '../shared/audit-check'
import { handle } from '../../functions'
import type { ApiReply } from '../../../src/domain'
import type { NearbyResult, StationView } from '../../../src/domain/api/stations'
import { everyDay } from '../../../src/domain/opening-hours'
import { sqliteDeps } from '../../../test/support/deps'
import { stationFields, stationRecord } from '../../../test/support/stations'

const ADMIN = 'admin-1'
const CASEWORKER = 'cw-1'
const WORKER = 'w-1'

let t: ReturnType<typeof sqliteDeps>
beforeEach(async () => {
  t = sqliteDeps()
  // The stations' unit (test/support/stations), in the tree: the review list is read by the unit's place in it.
  await t.deps.store.repos.units.put({ id: 'unit-a', name: '弥阳街道总工会', parentId: 'unit-root', path: ['unit-root', 'unit-a'] })
  await t.deps.store.repos.staff.put({ openid: ADMIN, displayName: '管理员', unitId: 'unit-root', roles: ['admin'], active: true })
  await t.deps.store.repos.staff.put({ openid: CASEWORKER, displayName: '工作人员', unitId: 'unit-root', roles: ['caseworker', 'reviewer'], active: true })
})
afterEach(() => t.close())

const call = async <T>(openid: string, action: string, input: unknown, requestId?: string) =>
  (await handle('stations', { action, input, ...(requestId ? { requestId } : {}) }, { openid }, t.deps)) as ApiReply<T>
const ok = <T>(reply: ApiReply<T>): T => {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`)
  return reply.data
}

/** A point `m` metres east of central Mile. */
const east = (m: number) => ({ lng: 103.4365 + m / 101400, lat: 24.4105 })

describe('stations: who may do what', () => {
  const adminCalls: [string, unknown][] = [
    ['create', { station: stationFields() }],
    ['update', { stationId: 'x', version: 1, station: stationFields() }],
    ['close', { stationId: 'x', version: 1, reason: '拆除' }],
    ['prepareImport', {}],
    ['import', { format: 'csv', fileId: 'imports/x-y', dryRun: true }],
    ['export', { format: 'csv' }],
    ['list', {}],
    ['listReports', {}],
    ['resolveReport', { reportId: 'r', decision: 'resolved' }],
  ]
  it.each(adminCalls)('%s is FORBIDDEN to a worker and to a caseworker', async (action, input) => {
    for (const who of [WORKER, CASEWORKER]) {
      const reply = await call(who, action, input)
      expect(reply).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } })
    }
  })

  it('finding and reporting are open to every signed-in user, and to no one signed out', async () => {
    expect((await call(WORKER, 'nearby', { lng: 103.4, lat: 24.4 })).ok).toBe(true)
    const anonymous = await handle('stations', { action: 'nearby', input: { lng: 103.4, lat: 24.4 } }, { openid: null }, t.deps)
    expect(anonymous).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})

describe('stations: admin writes are audited', () => {
  it('create, update at the seen version, close; each leaves a chained audit event', async () => {
    const created = ok(await call<StationView>(ADMIN, 'create', { station: stationFields({ externalId: undefined }) }, 'req-create-1'))
    expect(created.externalId).toBe(`lantian:${created.id}`)
    expect(created.openState).toMatchObject({ open: true, label: '营业中 · 20:00 关门' })
    expect(ok(await call<StationView>(ADMIN, 'create', { station: stationFields({ externalId: undefined }) }, 'req-create-1')).id).toBe(created.id)

    const renamed = ok(await call<StationView>(ADMIN, 'update', { stationId: created.id, version: 1, station: stationFields({ name: '新名字驿站' }) }))
    expect(renamed).toMatchObject({ name: '新名字驿站', version: 2, externalId: 'EXT-1' })
    const stale = await call(ADMIN, 'update', { stationId: created.id, version: 1, station: stationFields() })
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

    expect(ok(await call(ADMIN, 'close', { stationId: created.id, version: 2, status: 'closed', reason: '场地拆除' }))).toEqual({ id: created.id, status: 'closed', version: 3 })
    const near = ok(await call<NearbyResult>(WORKER, 'nearby', { lng: 103.4365, lat: 24.4105 }))
    expect(near.items).toEqual([])
    expect(ok(await call<StationView>(WORKER, 'get', { stationId: created.id })).openState.label).toBe('已关闭')

    const events = await t.deps.store.repos.audit.list(null, 10)
    expect(events.map((e) => [e.action, e.actor])).toEqual([
      ['station.create', ADMIN],
      ['station.update', ADMIN],
      ['station.close', ADMIN],
    ])
    expect(events[1].detail).toEqual({ changed: ['externalId', 'name'] })
    expect(await findAuditBreak(t.deps.store.repos, t.deps.cipher)).toBeNull()
  })

  it('an external id held by another station is a CONFLICT on that field', async () => {
    ok(await call(ADMIN, 'create', { station: stationFields({ externalId: 'MILE-1' }) }))
    const again = await call(ADMIN, 'create', { station: stationFields({ externalId: 'MILE-1' }) })
    expect(again).toEqual({ ok: false, error: { code: 'CONFLICT', message: '这个外部编号已被其他站点使用', field: 'station.externalId' } })
    expect((await t.deps.store.repos.stations.list({ offset: 0, limit: 10 })).length).toBe(1)
  })

  it('the admins\' list pages through every station, closed ones too, in id order', async () => {
    await t.deps.store.transaction(async (r) => {
      for (let i = 0; i < 5; i++) await r.stations.upsert(stationRecord({ id: `st-${i}`, externalId: `E${i}`, status: i === 2 ? 'closed' : 'open' }))
    })
    type ListPage = { items: StationView[]; total: number; nextCursor: string | null }
    const first = ok(await call<ListPage>(ADMIN, 'list', { pageSize: 3 }))
    expect([first.items.map((s) => s.id), first.total]).toEqual([['st-0', 'st-1', 'st-2'], 5])
    expect(first.items[2].openState.label).toBe('已关闭')
    const second = ok(await call<ListPage>(ADMIN, 'list', { pageSize: 3, cursor: first.nextCursor }))
    expect([second.items.map((s) => s.id), second.total, second.nextCursor]).toEqual([['st-3', 'st-4'], 5, null])
  })

  it('the admins\' list searches names and addresses on the server, trimmed; too long a search is refused naming the field', async () => {
    await t.deps.store.transaction(async (r) => {
      await r.stations.upsert(stationRecord({ id: 'st-a', externalId: 'EA', name: '弥阳街道职工驿站', address: '人民路1号' }))
      await r.stations.upsert(stationRecord({ id: 'st-b', externalId: 'EB', name: '新哨镇服务站', address: '弥阳路2号' }))
      await r.stations.upsert(stationRecord({ id: 'st-c', externalId: 'EC', name: '竹园镇服务站', address: '竹园路3号' }))
    })
    type ListPage = { items: StationView[]; hasMore: boolean }
    const found = ok(await call<ListPage>(ADMIN, 'list', { search: ' 弥阳 ' }))
    expect(found.items.map((s) => s.id)).toEqual(['st-a', 'st-b'])
    expect(ok(await call<ListPage>(ADMIN, 'list', { search: '' })).items).toHaveLength(3)
    expect(await call(ADMIN, 'list', { search: '弥'.repeat(31) })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'search' } })
  })

  it('an unknown station is NOT_FOUND', async () => {
    expect(await call(WORKER, 'get', { stationId: 'nope' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await call(ADMIN, 'update', { stationId: 'nope', version: 1, station: stationFields() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('nearby with "open now" and pages', () => {
  // Monday 10:00 in Shanghai (the test clock). Every third station is closed at this hour, one in seven is suspended.
  beforeEach(async () => {
    await t.deps.store.transaction(async (r) => {
      for (let i = 0; i < 40; i++) {
        await r.stations.upsert(
          stationRecord({
            id: `s${String(i).padStart(2, '0')}`,
            externalId: `E${i}`,
            location: east(100 * (i + 1)),
            hours: i % 3 === 0 ? everyDay({ from: '14:00', to: '18:00' }) : everyDay({ from: '08:00', to: '20:00' }),
            status: i % 7 === 6 ? 'suspended' : i === 39 ? 'closed' : 'open',
          }),
        )
      }
    })
  })

  const walk = async (input: Record<string, unknown>) => {
    const pages: string[][] = []
    let cursor: number | null = 0
    while (cursor !== null) {
      const page: NearbyResult = ok(await call<NearbyResult>(WORKER, 'nearby', { lng: 103.4365, lat: 24.4105, radiusM: 10000, pageSize: 4, ...input, cursor }))
      pages.push(page.items.map((s) => s.id))
      for (const s of page.items) expect(s.distanceM).toBeGreaterThan(0)
      cursor = page.nextCursor
    }
    return pages
  }
  const expected = (pred: (i: number) => boolean) => Array.from({ length: 40 }, (_, i) => i).filter(pred).map((i) => `s${String(i).padStart(2, '0')}`)

  it('without it: every open or suspended station, nearest first, never a closed one', async () => {
    const pages = await walk({})
    expect(pages.flat()).toEqual(expected((i) => i !== 39))
    expect(pages.slice(0, -1).every((p) => p.length === 4)).toBe(true)
  })

  it('with it: only those open now, in order, each once, pages full until the last', async () => {
    const pages = await walk({ openNow: true })
    expect(pages.flat()).toEqual(expected((i) => i % 3 !== 0 && i % 7 !== 6 && i !== 39))
    expect(pages.slice(0, -1).every((p) => p.length === 4)).toBe(true)
  })

  it('marks each result open or not, with its label', async () => {
    const first = ok(await call<NearbyResult>(WORKER, 'nearby', { lng: 103.4365, lat: 24.4105, pageSize: 3 }))
    expect(first.items.map((s) => [s.id, s.openState.open, s.openState.label])).toEqual([
      ['s00', false, '休息中 · 14:00 开门'],
      ['s01', true, '营业中 · 20:00 关门'],
      ['s02', true, '营业中 · 20:00 关门'],
    ])
    expect(first.items[0].distanceM).toBe(100)
    expect(first.nextCursor).toBe(3)
  })
})

describe('problem reports', () => {
  it('a worker reports once per station while pending; the admin resolves it; then it may be reported again', async () => {
    await t.deps.store.repos.stations.upsert(stationRecord({ id: 'st-1' }))
    const receipt = ok(await call<{ id: string }>(WORKER, 'reportProblem', { stationId: 'st-1', problem: 'wrong-hours', note: '周日没开门' }, 'req-report-1'))
    expect(ok(await call<{ id: string }>(WORKER, 'reportProblem', { stationId: 'st-1', problem: 'wrong-hours' }, 'req-report-1')).id).toBe(receipt.id)
    expect(await call(WORKER, 'reportProblem', { stationId: 'st-1', problem: 'moved' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(await call(WORKER, 'reportProblem', { stationId: 'nope', problem: 'moved' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

    const list = ok(await call<{ items: { id: string; stationName: string }[]; total: number }>(ADMIN, 'listReports', {}))
    expect(list.total).toBe(1)
    expect(list.items[0]).toMatchObject({ id: receipt.id, stationName: '弥阳街道职工驿站', problem: 'wrong-hours', note: '周日没开门', status: 'pending' })
    expect(list.items[0]).not.toHaveProperty('reporterOpenid')

    const decided = ok(await call(ADMIN, 'resolveReport', { reportId: receipt.id, decision: 'resolved', note: '已更正开放时间' }))
    expect(decided).toMatchObject({ status: 'resolved', decisionNote: '已更正开放时间', decidedAt: '2026-03-02T02:00:00.000Z' })
    expect(await call(ADMIN, 'resolveReport', { reportId: receipt.id, decision: 'rejected' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(ok(await call<{ total: number }>(ADMIN, 'listReports', { status: 'resolved' })).total).toBe(1)
    expect((await call(WORKER, 'reportProblem', { stationId: 'st-1', problem: 'closed' })).ok).toBe(true)
    expect((await t.deps.store.repos.audit.list(null, 10)).map((e) => e.action)).toEqual(['station-report.resolve'])
  })
})

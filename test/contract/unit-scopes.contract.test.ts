/**
 * Issue 14: a jurisdiction of any size on both stores. A province of 3,000 grassroots units: its
 * queue and household list walk by cursor in index order, counts come from counters (SQLite) or
 * the unit path's index (CloudBase) and match a count of the records, a moved unit's records follow
 * it, parallel writers leave the counts right, and the use cases take the whole province.
 */
import type { ApplicationRecord, HouseholdRecord, QueueCursor, Store } from '../../server/ports'
import { moveUnit } from '../../server/usecases/admin/units'
import { listHouseholds } from '../../server/usecases/households/read'
import { forEachHouseholdPage } from '../../server/usecases/households/scan'
import { reviewQueue } from '../../server/usecases/review/queue'
import { QUEUE_STAGES } from '../../src/domain/review'
import { sqliteDeps } from '../support/deps'
import { applicationRecord } from '../support/fixtures'
import { householdRecord } from '../support/household-records'
import { CITIES, provinceTree, UNITS_PER_CITY } from '../support/province'
import { contractStores } from './stores'

const { factories } = contractStores()

const NOW = '2026-03-05T06:00:00.000Z'

/** Deadlines around NOW: days before, today before and after now, days after, none. */
const DEADLINES = ['2026-03-01T00:00:00.000Z', '2026-03-05T01:00:00.000Z', NOW, '2026-03-05T20:00:00.000Z', '2026-03-09T00:00:00.000Z', null]

/** 90 cases spread over the three cities and the queue's stages (and a few filed ones). */
const cases = (): ApplicationRecord[] =>
  Array.from({ length: 90 }, (_, i) =>
    applicationRecord(`a${String(i).padStart(3, '0')}`, {
      unitId: `c${i % CITIES}-u${(i * 37) % UNITS_PER_CITY}`,
      status: i % 10 === 9 ? 'filed' : QUEUE_STAGES[i % QUEUE_STAGES.length],
      dueAt: DEADLINES[i % DEADLINES.length],
      name: i % 4 === 0 ? '王大力' : '张小明',
    }),
  )

const households = (): HouseholdRecord[] =>
  Array.from({ length: 40 }, (_, i) =>
    householdRecord(`h${String(i).padStart(3, '0')}`, {
      unitId: `c${i % CITIES}-u${(i * 53) % UNITS_PER_CITY}`,
      number: `MLS-H-2026-${String(1000 - i).padStart(6, '0')}`,
      status: i % 5 === 0 ? 'deregistered' : 'filed',
    }),
  )

const queueOrder = (a: ApplicationRecord, b: ApplicationRecord) => {
  const [x, y] = [a.dueAt ?? '9999', b.dueAt ?? '9999']
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1
}
const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id)

describe.each(factories)('jurisdictions of any size: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  const tree = provinceTree()
  const byId = new Map(tree.map((u) => [u.id, u]))
  const under = (root: string, unitId: string) => byId.get(unitId)!.path.includes(root)

  beforeAll(async () => {
    ;({ store, close } = open())
    for (let i = 0; i < tree.length; i += 50) await Promise.all(tree.slice(i, i + 50).map((u) => store.repos.units.put(u)))
    for (const a of cases()) await store.repos.applications.insert(a)
    for (const h of households()) await store.repos.households.insert(h)
  }, 120_000)
  afterAll(() => close())

  /** Every page of a stage under `root`, `limit` at a time, by cursor. */
  async function walkQueue(root: string, status: ApplicationRecord['status'], limit: number): Promise<string[]> {
    const out: string[] = []
    for (let after: QueueCursor | null = null; ; ) {
      const page = await store.repos.applications.queuePage({ under: root, status, after, limit })
      out.push(...ids(page))
      if (page.length < limit) return out
      after = { dueAt: page[page.length - 1].dueAt ?? null, id: page[page.length - 1].id }
    }
  }

  it('walks a stage of the province, a city or a unit in deadline order, page by page', async () => {
    const all = cases()
    for (const root of ['prov', 'c1', 'c2-u0', all[3].unitId]) {
      for (const status of ['submitted', 'publicizing'] as const) {
        const expected = ids(all.filter((a) => a.status === status && under(root, a.unitId)).sort(queueOrder))
        expect(await walkQueue(root, status, 4)).toEqual(expected)
      }
    }
    expect(await walkQueue('prov', 'filed', 5)).toEqual([])
    expect(await store.repos.applications.stageCountsUnder('prov', NOW)).not.toHaveProperty('filed')
    expect(await store.repos.applications.queuePage({ under: 'prov', status: 'submitted', after: null, limit: 0 })).toEqual([])
  })

  it('counts each stage and its overdue cases (before now, to the millisecond) from counters', async () => {
    const all = cases()
    for (const root of ['prov', 'c0', 'c1-u0']) {
      for (const status of QUEUE_STAGES) {
        const mine = all.filter((a) => a.status === status && under(root, a.unitId))
        const overdue = mine.filter((a) => a.dueAt !== null && a.dueAt! < NOW).length
        expect((await store.repos.applications.stageCountsUnder(root, NOW))[status]).toEqual({ total: mine.length, overdue })
      }
    }
  })

  it('lists households by file number under any unit, counts them, and scans every household of the province once', async () => {
    const all = households()
    const byNumber = (a: HouseholdRecord, b: HouseholdRecord) => (a.number < b.number ? -1 : 1)
    for (const [root, status] of [['prov', undefined], ['prov', 'filed'], ['c2', 'deregistered']] as const) {
      const expected = all.filter((h) => under(root, h.unitId) && (!status || h.status === status)).sort(byNumber)
      const got: string[] = []
      for (let after: { number: string; id: string } | null = null; ; ) {
        const page = await store.repos.households.listPage({ under: root, status, after, limit: 3 })
        got.push(...ids(page))
        if (page.length < 3) break
        after = { number: page[2].number, id: page[2].id }
      }
      expect(got).toEqual(ids(expected))
      expect(await store.repos.households.countUnder(root, status)).toBe(expected.length)
    }
    const seen: string[] = []
    await forEachHouseholdPage(store.repos, { under: 'prov' }, (page) => void seen.push(...ids(page)))
    expect(seen.sort()).toEqual(ids(all).sort())
  })

  it('serves the whole province through the use cases, with a cursor, without a size limit', async () => {
    // The deps around this store (their own close would close the store the next test uses).
    const { deps } = sqliteDeps(store)
    deps.clock.now = () => new Date(NOW)
    const actor = { openid: 'o-prov', roles: ['reviewer' as const, 'caseworker' as const], unitId: 'prov' }
    const first = await reviewQueue(deps, actor, { stage: 'submitted', pageSize: 5 })
    const submitted = cases().filter((a) => a.status === 'submitted').sort(queueOrder)
    expect(first).toMatchObject({ total: submitted.length, counts: { submitted: { total: submitted.length } } })
    expect(ids(first.items)).toEqual(ids(submitted.slice(0, 5)))
    expect(first.items[0].unitName).toBe(byId.get(submitted[0].unitId)!.name)
    const second = await reviewQueue(deps, actor, { stage: 'submitted', pageSize: 5, cursor: first.nextCursor! })
    expect(ids(second.items)).toEqual(ids(submitted.slice(5, 10)))
    const found = await reviewQueue(deps, actor, { stage: 'submitted', search: '王大力', pageSize: 50 })
    expect(found.total).toBe(cases().filter((a) => a.name === '王大力' && a.status !== 'draft').length)
    const list = await listHouseholds(deps, { ...actor, roles: ['admin'] }, { pageSize: 4, status: 'filed', overdueOnly: false })
    expect(list).toMatchObject({ total: households().filter((h) => h.status === 'filed').length, nextCursor: expect.any(String) })
  }, 60_000)

  it('files a moved unit\'s records under its new place; parallel writers leave the counts right', async () => {
    const moving = cases().find((a) => a.unitId.startsWith('c2-') && a.status === 'submitted')!
    const unit = byId.get(moving.unitId)!
    const before = (await store.repos.applications.stageCountsUnder('c0', NOW))['submitted']
    // An admin of the province moves the unit under c0 (the use case rewrites what the store keeps of its path).
    const { deps } = sqliteDeps(store)
    const admin = { openid: 'o-admin', roles: ['admin' as const], unitId: 'prov' }
    await expect(moveUnit(deps, admin, { unitId: unit.id, version: 0, parentId: 'c0' })).resolves.toMatchObject({ moved: 1 })
    expect((await store.repos.units.get(unit.id))?.path).toEqual(['prov', 'c0', unit.id])
    const inUnit = cases().filter((a) => a.unitId === unit.id && a.status === 'submitted').length
    expect((await store.repos.applications.stageCountsUnder('c0', NOW))['submitted'].total).toBe(before.total + inUnit)
    expect(await walkQueue('c0', 'submitted', 50)).toContain(moving.id)
    expect(await walkQueue('c2', 'submitted', 50)).not.toContain(moving.id)

    // 30 new cases at once, then each moved on a stage at once.
    const fresh = Array.from({ length: 30 }, (_, i) => applicationRecord(`p${i}`, { unitId: `c1-u${i * 7}`, status: 'screening', dueAt: '2026-03-02T00:00:00.000Z' }))
    const start = (await store.repos.applications.stageCountsUnder('c1', NOW))['screening']
    await Promise.all(fresh.map((a) => store.repos.applications.insert(a)))
    expect((await store.repos.applications.stageCountsUnder('c1', NOW))['screening']).toEqual({ total: start.total + 30, overdue: start.overdue + 30 })
    const results = await Promise.all(fresh.map((a) => store.repos.applications.update({ ...a, status: 'visiting', version: 2, dueAt: null }, 1)))
    expect(results.every(Boolean)).toBe(true)
    expect((await store.repos.applications.stageCountsUnder('c1', NOW))['screening']).toEqual(start)
    expect((await walkQueue('c1', 'visiting', 100)).filter((id) => id.startsWith('p'))).toEqual(ids(fresh).sort())
  }, 60_000)
})

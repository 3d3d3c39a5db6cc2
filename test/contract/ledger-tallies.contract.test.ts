/**
 * How many pending ledger entries a person recorded under a unit (the 资金审批 list's `approvable`
 * subtracts the reviewer's own) is a kept count on both stores (SQLite migration 58, CloudBase's
 * ledger tallies): after recording, after decisions inside and outside transactions, after
 * concurrent decisions on the stand-in with latency (one entry's recorder in one unit, and two
 * reviewers racing for one entry), and after a unit moves, it equals the count of the entries
 * themselves under every unit and for every recorder.
 */
import type { OrgUnitRecord, Store } from '../../server/ports'
import type { DisbursementEntry, EntryDecision } from '../../src/domain/ledger'
import { paymentEntry } from '../support/household-records'
import { contractStores } from './stores'

const { factories, standin } = contractStores()

/** prov → c0, c1 → t0..t2 under each city. */
const TREE: OrgUnitRecord[] = [
  { id: 'prov', name: '省', parentId: null, path: ['prov'] },
  ...['c0', 'c1'].flatMap((c): OrgUnitRecord[] => [
    { id: c, name: `市${c}`, parentId: 'prov', path: ['prov', c] },
    ...[0, 1, 2].map((t) => ({ id: `${c}-t${t}`, name: `镇${c}-${t}`, parentId: c, path: ['prov', c, `${c}-t${t}`] })),
  ]),
]
const RECORDERS = ['o-ann', 'o-cy', 'o-cy']
const DECISION = (by: string): EntryDecision => ({ status: 'approved', by, byName: '审核员', at: '2026-03-05T00:00:00.000Z', note: '' })

/** 60 entries over the towns and cities, by three recorders; one in ten recorded decided already. */
const ENTRIES: DisbursementEntry[] = Array.from({ length: 60 }, (_, i) => {
  const unitId = i % 7 === 0 ? `c${i % 2}` : `c${i % 2}-t${i % 3}`
  const e = paymentEntry(`led-${String(i).padStart(3, '0')}`, { unitId, householdId: `hh-${i}`, recordedBy: RECORDERS[i % 3], createdAt: `2026-03-0${1 + (i % 4)}T00:00:00.000Z` })
  return i % 10 === 9 ? { ...e, status: 'approved', decision: DECISION('o-old') } : { ...e, status: 'pending', decision: null }
})

describe.each(factories)('pending ledger entries counted per unit and recorder: %s', (name, open) => {
  let store: Store
  let close: () => Promise<void>
  /** The units' paths as they are now (a move changes one). */
  const paths = new Map(TREE.map((u) => [u.id, u.path]))

  beforeAll(async () => {
    ;({ store, close } = open())
    for (const u of TREE) await store.repos.units.put(u)
  })
  afterAll(() => close())

  /** The reference: the entries still pending (read back one by one), counted under each unit for each recorder. */
  async function expectCountsAsEntries(): Promise<void> {
    const stored = await Promise.all(ENTRIES.map((e) => store.repos.ledger.get(e.id)))
    const pending = stored.filter((e): e is DisbursementEntry => e !== null && e.status === 'pending')
    const got: Record<string, number> = {}
    const want: Record<string, number> = {}
    for (const root of TREE.map((u) => u.id)) {
      for (const r of [...RECORDERS, 'o-nobody']) {
        got[`${root}/${r}`] = await store.repos.ledger.countPendingUnder(root, r)
        want[`${root}/${r}`] = pending.filter((e) => e.recordedBy === r && paths.get(e.unitId)!.includes(root)).length
      }
      expect(await store.repos.ledger.countPendingUnder(root)).toBe(pending.filter((e) => paths.get(e.unitId)!.includes(root)).length)
    }
    expect(got).toEqual(want)
  }

  it('counts what is recorded, decided in and out of transactions, decided concurrently, and moved', async () => {
    for (const e of ENTRIES) await store.repos.ledger.append(e)
    await expectCountsAsEntries()
    expect(await store.repos.ledger.countPendingUnder('prov', 'o-ann')).toBeGreaterThan(0)

    // One decided outside a transaction, one inside; a decided entry is not decided again.
    expect(await store.repos.ledger.decide('led-000', DECISION('o-r1'))).toBe(true)
    expect(await store.transaction((repos) => repos.ledger.decide('led-001', DECISION('o-r1')))).toBe(true)
    expect(await store.transaction((repos) => repos.ledger.decide('led-001', DECISION('o-r2')))).toBe(false)
    await expectCountsAsEntries()

    if (name === 'cloudbase') standin().limits.latencyMs = 10
    try {
      // Every pending entry of one recorder in one town, each decided by its own reviewer at once,
      // and two reviewers racing for one more entry: the race has one winner.
      const town = ENTRIES.filter((e) => e.unitId === 'c0-t0' && e.recordedBy === 'o-ann' && e.status === 'pending' && e.id !== 'led-000')
      expect(town.length).toBeGreaterThanOrEqual(2)
      const contested = ENTRIES.find((e) => e.unitId === 'c1-t1' && e.status === 'pending' && e.id !== 'led-001')!
      const results = await Promise.all([
        ...town.map((e, i) => store.transaction((repos) => repos.ledger.decide(e.id, DECISION(`o-r${i}`)))),
        ...['o-x', 'o-y'].map((by) => store.transaction((repos) => repos.ledger.decide(contested.id, DECISION(by)))),
      ])
      expect(results.slice(0, town.length).every(Boolean)).toBe(true)
      expect(results.slice(town.length).filter(Boolean)).toHaveLength(1)
    } finally {
      standin().limits.latencyMs = 0
    }
    await expectCountsAsEntries()

    // A town moves to the other city: its pending entries count there, no longer under the old one.
    const [before0, before1] = [await store.repos.ledger.countPendingUnder('c0', 'o-cy'), await store.repos.ledger.countPendingUnder('c1', 'o-cy')]
    const moving = 'c1-t2'
    const moved = { ...TREE.find((u) => u.id === moving)!, parentId: 'c0', path: ['prov', 'c0', moving] }
    await store.repos.units.put(moved)
    await store.repos.units.spreadPaths([moved])
    paths.set(moving, moved.path)
    const inTown = (await Promise.all(ENTRIES.filter((e) => e.unitId === moving).map((e) => store.repos.ledger.get(e.id)))).filter((e) => e?.status === 'pending' && e.recordedBy === 'o-cy').length
    expect(inTown).toBeGreaterThan(0)
    expect(await store.repos.ledger.countPendingUnder('c0', 'o-cy')).toBe(before0 + inTown)
    expect(await store.repos.ledger.countPendingUnder('c1', 'o-cy')).toBe(before1 - inTown)
    await expectCountsAsEntries()
  }, 60_000)
})

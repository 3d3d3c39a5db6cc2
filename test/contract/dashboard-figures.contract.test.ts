/**
 * The figures each store keeps as records are written equal the reference computation over the raw
 * records read back: random histories (filings, deregistrations and refilings, payments approved,
 * rejected and reversed) written one by one, some in transactions, concurrently on CloudBase;
 * every unit level, random ranges including past ones. On CloudBase a view reads the rows as folded:
 * nothing of the writes before the timer's fold, the reference once every mark is folded; the
 * backfills of both stores give the same figures as writing did.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { Actor } from '../../src/domain'
import type { DateRange } from '../../src/domain/dashboard'
import { createCipher } from '../../server/adapters/node-cipher'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { dashboardFigures } from '../../server/adapters/cloudbase/migrations/007-dashboard-figures'
import { boundedPairs } from '../../server/adapters/cloudbase/migrations/030-bounded-pairs'
import { FIGURE_ROWS, FIGURE_SNAPSHOTS } from '../../server/adapters/cloudbase/collections'
import { contributionNow, unitPaths } from '../../server/adapters/figures/maintain'
import { addCells, ALL_ROWS, contributionDelta, rollUp, type Cells, type Contribution } from '../../src/domain/figures'
import { getDb } from '../../server/adapters/cloudbase/sdk'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import { BOUNDED_PAIRS_MIGRATION, rebuildFigures } from '../../server/adapters/sqlite/figure-storage'
import { openSqliteStore } from '../../server/adapters/sqlite'
import type { Deps, Repositories, Store } from '../../server/ports'
import { randomIds } from '../../server/runtime'
import { moveUnit, versionOf } from '../../server/usecases/admin/units'
import { householdDashboard } from '../../server/usecases/households/dashboard'
import { TestClock, tempDir } from '../support/deps'
import { figureHistories, figureRanges, referenceRowFigures, type FigureStep } from '../support/figure-histories'
import { UNITS } from '../support/union-tree'
import { contractStores } from './stores'

const { factories, standin } = contractStores()
const admin: Actor = { openid: 'o-city-admin', roles: ['admin', 'reviewer'], unitId: 'unit-root' }
const VIEWED = ['unit-root', 'unit-a', 'unit-a2', 'unit-b1']
const LEAVES = ['unit-a', 'unit-a1', 'unit-a2', 'unit-a2x', 'unit-b1']

async function write(repos: Repositories, step: FigureStep): Promise<void> {
  if (step.kind === 'insert') await repos.households.insert(step.household)
  else if (step.kind === 'update') expect(await repos.households.update(step.household, step.expectedVersion)).toBe(true)
  else if (step.kind === 'append') await repos.ledger.append(step.entry)
  else expect(await repos.ledger.decide(step.entry.id, step.entry.decision!)).toBe(true)
}

/** Each household's steps in order, every third in a transaction; households `width` at a time. */
async function writeAll(store: Store, steps: FigureStep[], width: number): Promise<void> {
  const byHousehold = new Map<string, FigureStep[]>()
  for (const s of steps) {
    const id = s.kind === 'insert' || s.kind === 'update' ? s.household.id : s.entry.householdId
    byHousehold.set(id, [...(byHousehold.get(id) ?? []), s])
  }
  const lists = [...byHousehold.values()]
  let n = 0
  for (let i = 0; i < lists.length; i += width)
    await Promise.all(
      lists.slice(i, i + width).map(async (list) => {
        for (const s of list) await (++n % 3 === 0 ? store.transaction((r) => write(r, s)) : write(store.repos, s))
      }),
    )
}

/** The reference over the raw records read back from the store, for a unit's subtree (the tree as the store holds it now). */
async function reference(store: Store, unitId: string, range: DateRange) {
  const paths = new Map(await Promise.all(UNITS.map(async (u) => [u.id, (await store.repos.units.get(u.id))!.path] as const)))
  const households = await store.repos.households.listPage({ under: unitId, after: null, limit: 10_000 })
  const entries = (await Promise.all(households.map((h) => store.repos.ledger.listByHousehold(h.id)))).flat()
  const scoped = households.map((h) => ({ id: h.id, unitId: h.unitId, unitPath: paths.get(h.unitId)!, history: h.history }))
  return referenceRowFigures(scoped, entries, range)
}

async function expectReference(deps: Deps, ranges: DateRange[], viewed: readonly string[] = VIEWED): Promise<void> {
  for (const range of ranges)
    for (const unitId of viewed) {
      const view = await householdDashboard(deps, admin, { ...range, unitId })
      const want = await reference(deps.store, unitId, range)
      const got = Object.fromEntries(Object.keys(want).map((k) => [k, view[k as keyof typeof view]]))
      expect({ unitId, range, ...got }).toEqual({ unitId, range, ...want })
    }
}

/**
 * Every row of `unitIds` as stored (month rows and the pairs and arrivals rows, `ALL_ROWS`) equals
 * the rows built from the records under the tree as the store holds it now: a move that left a row
 * behind at the old ancestors shows here even where no view's range reads that row.
 */
async function expectRowsOfRecords(store: Store, steps: readonly FigureStep[], unitIds: readonly string[]): Promise<void> {
  const ids = [...new Set(steps.flatMap((s) => (s.kind === 'insert' ? [s.household.id] : [])))]
  const pathOf = await unitPaths(store.repos)(UNITS.map((u) => u.id))
  const built = new Map<string, Cells>()
  for (const id of ids) rollUp(await contributionNow(store.repos, id), pathOf, built)
  for (const unitId of unitIds) {
    const stored = Object.fromEntries((await store.repos.figures.rows(unitId, ALL_ROWS)).map((r) => [r.month, r.cells]))
    const want = Object.fromEntries([...built].filter(([k, cells]) => k.startsWith(`${unitId}|`) && Object.keys(cells).length > 0).map(([k, cells]) => [k.split('|')[1], cells]))
    expect({ unitId, rows: stored }).toEqual({ unitId, rows: want })
  }
}

const depsOf = (store: Store): Deps => ({
  store,
  clock: new TestClock(),
  ids: randomIds,
  cipher: createCipher(randomBytes(32)),
  settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' },
  files: null as never,
})

async function withUnits(store: Store): Promise<Store> {
  for (const u of UNITS) await store.repos.units.put(u)
  return store
}

test('SQLite: figures folded as each write lands equal the reference; the rebuild, and migrations 59 and 61 on a store of whole rows, give the same rows', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'figures.db')
  const store = await withUnits(openSqliteStore(file))
  try {
    const { steps } = figureHistories(20261205, 50, LEAVES)
    await writeAll(store, steps, 1)
    await expectReference(depsOf(store), figureRanges(5, 8))
    expect(await store.repos.figures.foldPending(100)).toBe(0)
    const before = await store.repos.figures.rows('unit-root', '2100-12')
    await store.close()
    const db = openDatabase(file)
    db.transaction(() => rebuildFigures(db))()
    db.close()
    const again = openSqliteStore(file)
    expect(await again.repos.figures.rows('unit-root', '2100-12')).toEqual(before)
    const allBefore = await again.repos.figures.rows('unit-root', ALL_ROWS)
    expect(allBefore.some((r) => r.month.startsWith('r'))).toBe(true)
    await again.close()
    // The store as migration 60 left it: the rows whole in `figure_rows`, with a cell in the pairs'
    // old keys and a row a move left behind. Migration 59 builds the rows again from the records
    // (those two gone), then 61 keeps them cell by cell: the same rows as written.
    const old = openDatabase(file)
    old.exec(`DROP TABLE figure_cells; DELETE FROM schema_migrations WHERE version >= 61;
      CREATE TABLE figure_rows (unit_id TEXT NOT NULL, month TEXT NOT NULL, cells TEXT NOT NULL, PRIMARY KEY (unit_id, month)) WITHOUT ROWID`)
    old.exec(`INSERT INTO figure_rows (unit_id, month, cells) VALUES ('unit-root', 'p2020-03', '{"n07_20200409":1}')`)
    old.exec(`INSERT INTO figure_rows (unit_id, month, cells) VALUES ('unit-b', 'q2020-04', '{"i202003_09":7}')`)
    old.exec(BOUNDED_PAIRS_MIGRATION.sql)
    BOUNDED_PAIRS_MIGRATION.run!(old)
    const wholeRows = old.prepare('SELECT count(*) FROM figure_rows').pluck().get() as number
    expect(wholeRows).toBeGreaterThan(0)
    old.close()
    const rebuilt = openSqliteStore(file)
    expect(await rebuilt.repos.figures.rows('unit-root', ALL_ROWS)).toEqual(allBefore)
    await expectRowsOfRecords(rebuilt, steps, VIEWED)
    // Writes after the migration fold into the cells it copied.
    const more = figureHistories(20261207, 20, LEAVES).steps
    await writeAll(rebuilt, more, 1)
    await expectRowsOfRecords(rebuilt, [...steps, ...more], VIEWED)
    await expectReference(depsOf(rebuilt), figureRanges(7, 4))
    await rebuilt.close()
    const after = openDatabase(file)
    expect(after.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'figure_rows'`).pluck().get()).toBe(0)
    expect(after.prepare('SELECT count(*) FROM figure_cells WHERE n = 0').pluck().get()).toBe(0)
    after.close()
  } finally {
    cleanup()
  }
}, 120_000)

test('CloudBase: concurrent writes only mark; views show the folded rows and are exact once the timer folded; migration 007 rebuilds the same rows, 030 refolds old pairs keys', async () => {
  standin().reset()
  const store = await withUnits(createCloudbaseStore())
  const deps = depsOf(store)
  const { steps } = figureHistories(20261206, 14, LEAVES)
  await writeAll(store, steps, 4)
  const ranges = figureRanges(6, 3)
  // Before any fold the view reads no row: the writes wait for the timer, not for the view.
  expect(await store.repos.figures.rows('unit-root', '2100-12')).toEqual([])
  expect((await householdDashboard(deps, admin, { from: '2010-01-01', to: '2026-12-31' })).onFileNow).toBe(0)
  expect(await store.repos.figures.foldPending(5)).toBeGreaterThan(0)
  expect((await store.repos.figures.rows('unit-root', '2100-12')).length).toBeGreaterThan(0)
  while ((await store.repos.figures.foldPending(50)) > 0);
  await expectReference(deps, ranges)
  const before = await store.repos.figures.rows('unit-root', '2100-12')
  expect(before.length).toBeGreaterThan(0)

  for (const coll of [FIGURE_ROWS, FIGURE_SNAPSHOTS]) {
    const { data } = await getDb().collection(coll).limit(1000).get()
    for (const d of data) await getDb().collection(coll).doc(d._id).remove()
  }
  expect(await store.repos.figures.rows('unit-root', '2100-12')).toEqual([])
  expect((await dashboardFigures.run({ db: getDb() })).changed).toBe(14)
  expect(await store.repos.figures.rows('unit-root', '2100-12')).toEqual(before)
  await expectReference(deps, ranges.slice(0, 1))

  // Migration 030: households folded under the old keys of the pairs (the next payment's full date,
  // no row of two months) are refolded in the new ones.
  const allBefore = await store.repos.figures.rows('unit-root', ALL_ROWS)
  expect(allBefore.some((r) => r.month.startsWith('r'))).toBe(true)
  await toOldPairs(store)
  expect(await store.repos.figures.rows('unit-root', ALL_ROWS)).not.toEqual(allBefore)
  expect((await boundedPairs.run({ db: getDb() })).changed).toBe(14)
  expect(await store.repos.figures.rows('unit-root', ALL_ROWS)).toEqual(allBefore)
  await expectRowsOfRecords(store, steps, VIEWED)
  await expectReference(deps, ranges.slice(0, 1))
}, 300_000)

/**
 * Every household's snapshot and the rows above it (CloudBase) put back in the pairs' old keys:
 * `p` cells by the next payment's full date (its month and a day of 15) and no `r` rows.
 */
async function toOldPairs(store: Store): Promise<void> {
  const db = getDb()
  const pathOf = await unitPaths(store.repos)(UNITS.map((u) => u.id))
  const { data } = await db.collection(FIGURE_SNAPSHOTS).limit(1000).get()
  for (const snap of data) {
    const now = snap.contribution as Contribution
    const old: Contribution = {}
    for (const [unitId, months] of Object.entries(now))
      for (const [month, cells] of Object.entries(months)) {
        if (month.startsWith('r')) continue
        const kept = month.startsWith('p') ? Object.fromEntries(Object.entries(cells).map(([c, n]) => [`${c}15`, n])) : cells
        ;(old[unitId] ??= {})[month] = kept
      }
    for (const [key, cells] of rollUp(contributionDelta(now, old), pathOf)) {
      const [unitId, month] = key.split('|')
      const ref = db.collection(FIGURE_ROWS).doc(`${unitId}:${month}`)
      const { data: found } = await db.collection(FIGURE_ROWS).where({ _id: `${unitId}:${month}` }).get()
      const row = addCells({ ...((found[0]?.cells ?? {}) as Cells) }, cells)
      await (Object.keys(row).length === 0 ? ref.remove() : ref.set({ unitId, month, cells: row }))
    }
    await db.collection(FIGURE_SNAPSHOTS).doc(snap._id).set({ version: snap.version, contribution: old })
  }
}

test('CloudBase: a move reads every row of its unit, however many pairs of months it holds, not the first 1,200', async () => {
  standin().reset()
  const store = createCloudbaseStore()
  const db = getDb()
  const months = Array.from({ length: 60 }, (_v, i) => `20${String(20 + Math.floor(i / 12))}-${String((i % 12) + 1).padStart(2, '0')}`)
  const names = [...months, ...months.flatMap((a, i) => months.slice(i, i + 25).map((b) => `r${a}_${b}`))]
  expect(names.length).toBeGreaterThan(1200)
  for (const month of names) await db.collection(FIGURE_ROWS).doc(`unit-a2:${month}`).set({ unitId: 'unit-a2', month, cells: { n01_01: 1 } })
  expect((await store.repos.figures.rows('unit-a2', ALL_ROWS)).map((r) => r.month).sort()).toEqual([...names].sort())
  expect((await store.repos.figures.rows('unit-a2', '2100-12')).map((r) => r.month)).toEqual(months)
}, 300_000)

for (const [name, open] of factories)
  test(`${name}: a unit moved under another parent leaves its old ancestors' figures and joins the new ones', and back`, async () => {
    const { store, close } = open()
    try {
      await withUnits(store)
      const deps = depsOf(store)
      const { steps } = figureHistories(20261211, name === 'sqlite' ? 30 : 12, LEAVES)
      await writeAll(store, steps, name === 'sqlite' ? 1 : 4)
      // Half the writes folded by the timer before the move, half after (CloudBase; SQLite folds as it writes).
      await store.repos.figures.foldPending(6)
      const ranges = figureRanges(11, 2)
      const move = (unitId: string, parentId: string) =>
        store.repos.units.get(unitId).then((u) => moveUnit(deps, admin, { unitId, version: versionOf(u!), parentId }))
      await move('unit-a2', 'unit-b1')
      while ((await store.repos.figures.foldPending(50)) > 0);
      const viewed = ['unit-root', 'unit-a', 'unit-b', 'unit-b1', 'unit-a2']
      await expectReference(deps, ranges, viewed)
      await expectRowsOfRecords(store, steps, viewed)
      const a = await householdDashboard(deps, admin, { ...ranges[0], unitId: 'unit-b' })
      expect(a.fundsTotalFen + a.onFileNow).toBeGreaterThan(0)
      await move('unit-a2', 'unit-a')
      await expectReference(deps, ranges, viewed)
      await expectRowsOfRecords(store, steps, viewed)
    } finally {
      await close()
    }
  }, 300_000)

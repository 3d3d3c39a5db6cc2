/**
 * `npm run bench:dashboard`: a dashboard view at 10,000 and 100,000 households (ten times the
 * data, one run), on temporary SQLite stores. The records are random histories (filings,
 * deregistrations and refilings, payments approved, rejected and reversed: test/support/figure-histories.ts)
 * written through the adapter's plain repositories, then the kept figures built by migration 16's
 * backfill (its time is printed too), as an existing database gets them.
 *
 * Two views are measured: the kept figures alone (a unit's month rows read and summed:
 * `repos.figures.rows` + `figuresFromRows`, what the dashboard now reads instead of the ledger and
 * the households' histories), and the whole `householdDashboard` use case, which still scans the
 * households for the campaign's progress and the overdue contacts. Prints `name=value` lines.
 *
 * Options (environment): BENCH_SMALL (default 10000), BENCH_RUNS (5).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Actor } from '../src/domain'
import { extraRows, figuresFromRows } from '../src/domain/figures'
import { createCipher } from '../server/adapters/node-cipher'
import { openSqliteStore } from '../server/adapters/sqlite'
import { openDatabase } from '../server/adapters/sqlite/connection'
import { FIGURES_MIGRATION } from '../server/adapters/sqlite/figure-storage'
import { householdRepository } from '../server/adapters/sqlite/household-repository'
import { ledgerRepository } from '../server/adapters/sqlite/ledger-repository'
import { orgUnitRepository } from '../server/adapters/sqlite/org-unit-repository'
import type { Deps } from '../server/ports'
import { randomIds, systemClock } from '../server/runtime'
import { householdDashboard } from '../server/usecases/households/dashboard'
import { DEMO_TREE } from '../test/support/demo-data'
import { figureHistories } from '../test/support/figure-histories'

const SMALL = Number(process.env.BENCH_SMALL ?? 10_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const SIX_YEARS = { from: '2016-01-01', to: '2021-12-31' }
const admin: Actor = { openid: 'bench-admin', roles: ['admin', 'reviewer'], unitId: 'unit-root' }

const gc = (globalThis as { gc?: () => void }).gc
const heapMb = () => (gc?.(), process.memoryUsage().heapUsed / 1024 / 1024)
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

async function timed(runs: number, work: () => Promise<unknown>): Promise<{ ms: number; heapMb: number }> {
  const ms: number[] = []
  let peak = 0
  for (let i = 0; i < runs; i++) {
    heapMb()
    const t = performance.now()
    await work()
    ms.push(performance.now() - t)
    peak = Math.max(peak, process.memoryUsage().heapUsed / 1024 / 1024)
  }
  return { ms: median(ms), heapMb: peak }
}

/** A store of `households` random histories, its figures built by the backfill; the figures below measured. */
async function measureAt(households: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-bench-dashboard-'))
  const file = join(dir, 'bench.db')
  try {
    const db = openDatabase(file)
    const [units, plainHouseholds, ledger] = [orgUnitRepository(db), householdRepository(db), ledgerRepository(db)]
    let t = performance.now()
    const leaves = DEMO_TREE.filter((u) => u.parentId).map((u) => u.id)
    db.exec('BEGIN')
    for (const u of DEMO_TREE) await units.put(u)
    let entries = 0
    for (let k = 0; k < households; k += 1000) {
      const { households: hs, entries: es } = figureHistories(k + 1, Math.min(1000, households - k), leaves)
      for (const h of hs) await plainHouseholds.insert(h)
      for (const e of es) await ledger.append(e)
      entries += es.length
    }
    db.exec('COMMIT')
    const loadMs = performance.now() - t
    t = performance.now()
    db.exec('DELETE FROM figure_rows; DELETE FROM figure_snapshots')
    db.transaction(() => FIGURES_MIGRATION.run!(db))()
    const backfillMs = performance.now() - t
    db.close()

    const store = openSqliteStore(file)
    const deps: Deps = { store, clock: systemClock, ids: randomIds, cipher: createCipher(randomBytes(32)), settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: null as never }
    const figures = await timed(RUNS, async () => figuresFromRows(await store.repos.figures.rows('unit-root', SIX_YEARS.to.slice(0, 7), extraRows(SIX_YEARS)), SIX_YEARS))
    const township = await timed(RUNS, async () => figuresFromRows(await store.repos.figures.rows('unit-t1', SIX_YEARS.to.slice(0, 7), extraRows(SIX_YEARS)), SIX_YEARS))
    const whole = await timed(1, () => householdDashboard(deps, admin, SIX_YEARS))
    const rows = (await store.repos.figures.rows('unit-root', '2100-12')).length
    await store.close()
    return { households, entries, rows, loadMs, backfillMs, figuresMs: figures.ms, townshipMs: township.ms, figuresHeapMb: figures.heapMb, wholeMs: whole.ms, wholeHeapMb: whole.heapMb }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function main() {
  const small = await measureAt(SMALL)
  const large = await measureAt(SMALL * 10)
  const print = (name: string, v: number, digits = 1) => console.log(`${name}=${v.toFixed(digits)}`)
  for (const [tag, m] of [['small', small], ['large', large]] as const) {
    print(`${tag}_households`, m.households, 0)
    print(`${tag}_ledger_entries`, m.entries, 0)
    print(`${tag}_root_month_rows`, m.rows, 0)
    print(`${tag}_load_ms`, m.loadMs, 0)
    print(`${tag}_backfill_ms`, m.backfillMs, 0)
    print(`${tag}_dashboard_figures_city_ms`, m.figuresMs, 2)
    print(`${tag}_dashboard_figures_township_ms`, m.townshipMs, 2)
    print(`${tag}_dashboard_figures_heap_mb`, m.figuresHeapMb)
    print(`${tag}_dashboard_usecase_ms`, m.wholeMs, 0)
    print(`${tag}_dashboard_usecase_heap_mb`, m.wholeHeapMb)
  }
  print('growth_dashboard_figures_10x_data', large.figuresMs / small.figuresMs, 2)
  print('growth_dashboard_usecase_10x_data', large.wholeMs / small.wholeMs, 2)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})

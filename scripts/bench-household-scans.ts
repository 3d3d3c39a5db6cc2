/**
 * `npm run bench:household-scans`: the household scans of a province (issue 14) on a temporary
 * SQLite store, at 10,000 and 100,000 filed households over the 3,004-unit province of the
 * contract tests (3 cities of 1,000 grassroots units; a busy unit holds 6% of them, so its scan
 * pages are full at both sizes), written through the repositories. Each figure is the median of
 * a few runs:
 * - `scan_*`: a page of 500 of the scan behind exports, campaigns and the overdue list (the
 *   jurisdiction by its unit path, by file number), the first page and page 20 (walked to by the
 *   cursor; a unit holding fewer: its last full page), for the province, a city and the busy unit;
 * - `list_*`: the household list (`listHouseholds`, 20 a page with the total), first page and page 100;
 * - `budgets_city_*`: a city's first budgets page (its own and 20 of its 1,000 units', six fund
 *   sources each);
 * each beside the index-ordered read of the same page in the same run (the page's records read by
 * primary key in its order: what any page costs at least) and the ratio; then the growth from the
 * smaller size to the larger for each. Not a test: nothing asserts a time.
 *
 * Options (environment): BENCH_SIZES (default "10000,100000"), BENCH_RUNS (9).
 * Prints `name=value unit` lines.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bindRepositories, openSqliteStore } from '../server/adapters/sqlite'
import { openDatabase } from '../server/adapters/sqlite/connection'
import { householdRepository } from '../server/adapters/sqlite/household-repository'
import type { Deps, HouseholdRecord, Store } from '../server/ports'
import { randomIds } from '../server/runtime'
import { listBudgets } from '../server/usecases/households/budgets'
import { listHouseholds } from '../server/usecases/households/read'
import { SCAN_PAGE } from '../server/usecases/households/scan'
import type { Actor } from '../src/domain'
import { FUND_SOURCE_CODES } from '../src/domain/household-codes'
import { prng } from '../server/local/prng'
import { provinceTree } from '../test/support/province'
import { timed } from './scale/measures'

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number)
const RUNS = Number(process.env.BENCH_RUNS ?? 9)
const SCAN_DEEP = 20
const LIST_PAGE = 20
const LIST_DEEP = 100
const NOW = new Date('2026-03-05T06:00:00.000Z')
const BUSY_STREET = 'c1-u7'
const BUSY_SHARE = 0.06

function household(i: number, streets: string[], rnd: () => number): HouseholdRecord {
  const at = new Date(NOW.getTime() - Math.floor(rnd() * 700 * 86_400_000)).toISOString()
  const id = `hh-${String(i).padStart(7, '0')}`
  return {
    id, number: `MLS-H-2026-${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`, unitId: rnd() < BUSY_SHARE ? BUSY_STREET : streets[Math.floor(rnd() * streets.length)],
    category: 'relative', status: 'filed', headName: `张${i % 997}`, idNumberEnc: 'v1.bench', idNumberHash: `h-${i}`, memberCount: 3, applicationIds: [`app-${i}`],
    cadres: [{ openid: 'o-cadre', name: '周敏' }], history: [{ id: `${id}-e1`, at, by: 'o-r', byName: '审核员', kind: 'filed', applicationId: `app-${i}`, category: 'relative' }],
    lastContactOn: null, version: 1, filedAt: at, updatedAt: at,
  }
}

/** A store holding the tree, `n` households and the budgets of the first page of each city, written through the repositories (their triggers keep the entries and counters). */
function build(file: string, n: number): number {
  const started = performance.now()
  const units = provinceTree()
  const streets = units.filter((u) => u.path.length === 3).map((u) => u.id)
  const db = openDatabase(file)
  const repos = bindRepositories(db)
  // The households without the dashboard's figures and the contact clocks (kept asynchronously; the scans do not read them).
  const households = householdRepository(db)
  const rnd = prng(20261206)
  db.transaction(() => {
    for (const u of units) {
      void repos.units.put(u)
      // A budget per fund source for the city's first 20 grassroots units (the page a city admin sees first).
      if (u.path.length === 3 && Number(u.id.split('-u')[1]) < 20) for (const s of FUND_SOURCE_CODES) void repos.budgets.put({ id: `${u.id}:2026:${s}`, unitId: u.id, year: 2026, fundSource: s, amountFen: 1_000_000, committedFen: 0, version: 1, setBy: 'o-admin', setAt: NOW.toISOString() }, 0)
    }
  })()
  for (let i = 0; i < n; i += 10_000) db.transaction(() => { for (let j = i; j < Math.min(n, i + 10_000); j++) void households.insert(household(j, streets, rnd)) })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  return performance.now() - started
}

function report(key: string, page: number, ms: number, index: number, out: Map<string, number>): void {
  out.set(key, ms)
  console.log(`${key}_page=${page}`)
  console.log(`${key}_ms=${ms.toFixed(2)} ms`)
  console.log(`${key}_index_ordered_ms=${index.toFixed(2)} ms`)
  console.log(`${key}_ratio=${(ms / index).toFixed(2)}`)
}

async function measure(store: Store, size: number, out: Map<string, number>): Promise<void> {
  const deps = { store, clock: { now: () => NOW }, ids: randomIds, settings: { applicationPrefix: 'MLS', defaultUnitId: 'prov' } } as unknown as Deps
  const read = (ids: string[]) => Promise.all(ids.map((id) => store.repos.households.get(id)))
  const who: [string, Actor][] = [
    ['street', { openid: 'o-street', roles: ['caseworker'], unitId: BUSY_STREET }],
    ['city', { openid: 'o-city', roles: ['reviewer'], unitId: 'c1' }],
    ['province', { openid: 'o-prov', roles: ['reviewer', 'admin'], unitId: 'prov' }],
  ]
  for (const [name, actor] of who) {
    const under = actor.unitId!
    // The scan's page 20 (a street's last full page when it holds fewer), walked to by the cursor.
    const total = await store.repos.households.countUnder(under)
    let after: { number: string; id: string } | null = null
    let page = 1
    const deep = Math.max(1, Math.min(SCAN_DEEP, Math.floor(total / SCAN_PAGE)))
    for (; page < deep; page++) {
      const got: HouseholdRecord[] = await store.repos.households.listPage({ under, after, limit: SCAN_PAGE })
      after = { number: got[got.length - 1].number, id: got[got.length - 1].id }
    }
    for (const [which, cursor, at] of [['first', null, 1], ['deep', after, page]] as const) {
      const ids = (await store.repos.households.listPage({ under, after: cursor, limit: SCAN_PAGE })).map((h) => h.id)
      const scan = await timed(RUNS, () => store.repos.households.listPage({ under, after: cursor, limit: SCAN_PAGE }))
      report(`scan_${name}_${which}_${size}`, at, scan, await timed(RUNS, () => read(ids)), out)
    }
    // The list's page 100 (or its last full page), walked to by cursor.
    let cursor: string | undefined
    let at = 1
    for (; at < Math.max(1, Math.min(LIST_DEEP, Math.floor(total / LIST_PAGE))); at++) cursor = (await listHouseholds(deps, actor, { pageSize: LIST_PAGE, overdueOnly: false, ...(cursor ? { cursor } : {}) })).nextCursor ?? undefined
    for (const [which, c, n] of [['first', undefined, 1], ['deep', cursor, at]] as const) {
      const input = { pageSize: LIST_PAGE, overdueOnly: false, ...(c ? { cursor: c } : {}) }
      const ids = (await listHouseholds(deps, actor, input)).items.map((i) => i.id)
      report(`list_${name}_${which}_${size}`, n, await timed(RUNS, () => listHouseholds(deps, actor, input)), await timed(RUNS, () => read(ids)), out)
    }
  }
  const city: Actor = { openid: 'o-city-admin', roles: ['admin'], unitId: 'c1' }
  const view = await listBudgets(deps, city, { year: 2026, pageSize: 20 })
  const budgetIds = [view.unit, ...view.children].flatMap((u) => FUND_SOURCE_CODES.map((s) => `${u.id}:2026:${s}`))
  report(`budgets_city_first_${size}`, 1, await timed(RUNS, () => listBudgets(deps, city, { year: 2026, pageSize: 20 })), await timed(RUNS, () => Promise.all(budgetIds.map((id) => store.repos.budgets.get(id)))), out)
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-bench-household-scans-'))
  const figures = new Map<string, number>()
  try {
    for (const size of SIZES) {
      const file = join(dir, `households-${size}.db`)
      console.log(`build_${size}_s=${(build(file, size) / 1000).toFixed(1)} s`)
      const store = openSqliteStore(file)
      await measure(store, size, figures)
      await store.close()
      rmSync(file, { force: true })
    }
    const [small, large] = SIZES
    if (large) {
      const keys = [...figures.keys()].filter((k) => k.endsWith(`_${small}`)).map((k) => k.slice(0, -`_${small}`.length))
      for (const k of keys) console.log(`growth_${k}_${small}_to_${large}=${(figures.get(`${k}_${large}`)! / figures.get(`${k}_${small}`)!).toFixed(2)}x`)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

void main()

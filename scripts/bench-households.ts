/**
 * `npm run bench:households`: the households function's heavy reads over one city's jurisdiction of
 * 10,000 filed households and 50,000 ledger entries, on a temporary SQLite store: the household
 * export (XLSX and CSV), the ledger export (XLSX) and the dashboard (the whole six years of the demo
 * ledger, and one year). Prints median, min and max of a few runs each, the files' sizes and rows,
 * and the heap before and after. Not a test: nothing asserts a time.
 *
 * The data: the demo ledger generator (server/local/seed/demo-ledger.ts, 514 households a seed) run with
 * successive seeds over the test support's union tree (test/support/demo-data.ts), each copy's ids
 * and file numbers made its own, the last copy cut to the household count, payments thinned evenly
 * to the entry count (the three mistaken payments of each copy and their reversals kept), the whole
 * written by server/local/seed-households.ts writeDemoLedger with the first copy's 户户清 campaign.
 *
 * Heap figures start from a collected heap only with --expose-gc (the npm script passes it).
 *
 * Options (environment): BENCH_HOUSEHOLDS (default 10000), BENCH_ENTRIES (50000), BENCH_RUNS (5).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Actor } from '../src/domain'
import type { ExportedFile } from '../src/domain/api/households'
import { DEMO_PERIOD } from '../server/local/seed/seed-figures'
import { writeDemoLedger } from '../server/local/seed-households'
import { resolveActor } from '../server/usecases/shared/actor'
import { householdDashboard } from '../server/usecases/households/dashboard'
import { exportHouseholds, exportLedger } from '../server/usecases/households/export'
import { DEMO_TREE } from '../test/support/demo-data'
import { benchDeps, generateHouseholds as generate, SEED } from './scale/households'

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 10_000)
const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 50_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 5)
const ROOT = 'unit-root'
const REVIEWER = 'bench-reviewer'
const ONE_YEAR = { from: '2019-01-01', to: '2019-12-31' }

const gc = (globalThis as { gc?: () => void }).gc
const heapUsed = () => {
  gc?.()
  return process.memoryUsage().heapUsed
}

interface Measured {
  name: string
  ms: number[]
  bytes: number | null
  rows: number | null
  heapBefore: number
  heapAfter: number
}

/** `RUNS` runs of `work`, each from a collected heap (with --expose-gc); the heap after is read before collecting. */
async function measure(name: string, work: () => Promise<ExportedFile | object>): Promise<Measured> {
  const ms: number[] = []
  let bytes: number | null = null
  let rows: number | null = null
  let heapBefore = 0
  let heapAfter = 0
  for (let run = 0; run < RUNS; run++) {
    const before = heapUsed()
    const started = performance.now()
    const result = await work()
    ms.push(performance.now() - started)
    const after = process.memoryUsage().heapUsed
    if ('url' in result && 'size' in result) {
      bytes = result.size
      rows = result.rows
    }
    heapBefore = Math.max(heapBefore, before)
    heapAfter = Math.max(heapAfter, after)
  }
  return { name, ms, bytes, rows, heapBefore, heapAfter }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
const sec = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`)

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'lantian-bench-'))
  const file = join(dir, 'bench.db')
  const deps = benchDeps(dir, file, ROOT)
  const store = deps.store
  try {
    let t = performance.now()
    const counts = await (async () => {
      // Scoped so the generated arrays are garbage before anything is measured.
      const demo = generate(HOUSEHOLDS, ENTRIES)
      const generateMs = performance.now() - t
      t = performance.now()
      await store.transaction(async (repos) => {
        for (const u of DEMO_TREE) await repos.units.put(u)
        await repos.policies.put({ unitId: ROOT, dibaoLineFen: 78000, publicityDays: 7, stageDeadlineDays: {}, subscribeTemplateIds: {}, contactOverdueDays: 60 })
        await repos.staff.put({ openid: REVIEWER, displayName: '周敏', unitId: ROOT, roles: ['reviewer'], active: true })
      })
      await writeDemoLedger((work) => store.transaction(work), deps.cipher, demo, SEED)
      return {
        generateMs,
        households: demo.households.length,
        entries: demo.disbursements.length,
        contacts: demo.contacts.length,
        checks: demo.checkRecords.length,
        measures: demo.measures.length,
      }
    })()
    const loadMs = performance.now() - t
    const dbBytes = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)
    const actor: Actor = await resolveActor(store.repos, REVIEWER)

    const results: Measured[] = []
    t = performance.now()
    results.push(await measure('exportHouseholds xlsx', () => exportHouseholds(deps, actor, { format: 'xlsx', full: true, reason: '基准测试' })))
    results.push(await measure('exportHouseholds csv', () => exportHouseholds(deps, actor, { format: 'csv', full: true, reason: '基准测试' })))
    results.push(await measure('exportLedger xlsx', () => exportLedger(deps, actor, { format: 'xlsx' })))
    results.push(await measure(`dashboard ${DEMO_PERIOD.from}..${DEMO_PERIOD.to}`, () => householdDashboard(deps, actor, DEMO_PERIOD)))
    results.push(await measure(`dashboard ${ONE_YEAR.from}..${ONE_YEAR.to}`, () => householdDashboard(deps, actor, ONE_YEAR)))
    const measureMs = performance.now() - t

    console.log(
      `Households: ${counts.households.toLocaleString('en')} in one jurisdiction (${DEMO_TREE.length} units), ${counts.entries.toLocaleString('en')} ledger entries, ` +
        `${counts.contacts.toLocaleString('en')} contacts, ${counts.measures.toLocaleString('en')} measures, ${counts.checks.toLocaleString('en')} campaign checks`,
    )
    console.log(`Actor: ${actor.openid}, roles ${actor.roles.join(', ')}, unit ${actor.unitId} (exports unmasked)`)
    console.log(`Machine: ${process.platform} ${process.arch}, Node ${process.version}, ${cpus().length} cores`)
    console.log(`Generate ${sec(counts.generateMs)}, load ${sec(loadMs)}, database file ${mb(dbBytes)}; measuring ${sec(measureMs)}`)
    console.log(gc ? 'Heap: collected (global.gc) before each run; "after" is read right after the run, before collecting, the result still held' : 'Heap: global.gc unavailable (run node with --expose-gc): figures include uncollected garbage')
    console.log(`${RUNS} runs each; the heap columns are the largest over the runs.`)
    const header = ['operation', 'median', 'min', 'max', 'file', 'rows', 'heap before', 'heap after']
    const table = results.map((r) => [
      r.name,
      sec(median(r.ms)),
      sec(Math.min(...r.ms)),
      sec(Math.max(...r.ms)),
      r.bytes === null ? '-' : mb(r.bytes),
      r.rows === null ? '-' : r.rows.toLocaleString('en'),
      mb(r.heapBefore),
      mb(r.heapAfter),
    ])
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)))
    const line = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`
    console.log(line(header))
    for (const row of table) console.log(line(row))
    const [xlsx, csv, ledger, whole, year] = results.map((r) => median(r.ms))
    console.log(`Ratios (medians): household xlsx / csv ${(xlsx / csv).toFixed(1)}x; ledger xlsx per 1,000 entries ${sec((ledger / counts.entries) * 1000)}, household xlsx per 1,000 ${sec((xlsx / counts.households) * 1000)}; dashboard six years / one year ${(whole / year).toFixed(1)}x`)
  } finally {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})

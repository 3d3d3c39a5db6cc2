/**
 * `npm run bench:long-work`: the long work of the union's admins on CloudBase, through the use cases
 * and the real `@cloudbase/node-sdk` against the stand-in with latency (10 ms a request by default):
 * a 1,000-row station import, the city's household export and ledger export, and the dashboard.
 * While each runs, other users keep writing (workers saving drafts, an admin editing stations of
 * the file), to show whether the long work holds them up. Prints, per work: time, peak resident
 * memory of this process and its growth during the work (the stand-in runs in it too, so an upper
 * bound), the work's own database requests, reads, writes and transactions, the largest
 * transaction's operations, against the function's timeout and memory from the deploy manifest;
 * then `name=value` lines. Not a test.
 *
 * Options (environment): BENCH_HOUSEHOLDS (2000), BENCH_IMPORT_ROWS (1000), BENCH_WRITERS (10),
 * LANTIAN_STANDIN_LATENCY_MS (10), LANTIAN_STANDIN_JITTER_MS (2).
 */
import { FUNCTIONS } from '../server/cloud/functions.manifest'
import type { Deps } from '../server/ports'
import { saveDraft } from '../server/usecases/applicant/drafts'
import { householdDashboard } from '../server/usecases/households/dashboard'
import { exportHouseholds, exportLedger } from '../server/usecases/households/export'
import { importStations } from '../server/usecases/stations/import-stations'
import { updateStation } from '../server/usecases/stations/manage-stations'
import type { Actor } from '../src/domain'
import type { ImportReport } from '../src/domain/api/stations'
import { call, formValues } from '../test/support/deps'
import { stationImportFile } from '../test/support/stations'
import { ROOT, seedCity, seedStaff } from './load/city'
import { counted, watchRequests, type Requests } from './load/calls'
import { atFullSpeed, dbUseSince, outcomeOf, READ_ACTIONS, WRITE_ACTIONS, rssPeak, startBenchEnvironment, type BenchEnvironment, type DbUse } from './load/harness'

Object.assign(process.env, { TENCENTCLOUD: 'true', SILENCE: 'true' })

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 2000)
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1000)
const WRITERS = Number(process.env.BENCH_WRITERS ?? 10)
const LATENCY_MS = Number(process.env.LANTIAN_STANDIN_LATENCY_MS ?? 10)
const JITTER_MS = Number(process.env.LANTIAN_STANDIN_JITTER_MS ?? 2)
const admin: Actor = { openid: 'o-bench-admin', roles: ['admin'], unitId: ROOT }
const editor: Actor = { openid: 'o-bench-editor', roles: ['admin'], unitId: ROOT }
const reviewer: Actor = { openid: 'o-bench-reviewer', roles: ['reviewer', 'admin'], unitId: ROOT }
const worker = (i: number): Actor => ({ openid: `o-bench-worker-${i}`, roles: ['worker'] })

/** The city, its staff, and a draft for each worker who keeps saving while the long work runs. */
async function seed(deps: Deps): Promise<void> {
  await seedCity(deps, HOUSEHOLDS)
  await seedStaff(deps, [admin, editor, reviewer])
  for (let i = 0; i < WRITERS; i++) await saveDraft(deps, worker(i), { values: formValues(), step: 'applicant' })
}

interface Figures extends DbUse {
  name: string
  ms: number
  rssMb: number
  /** Resident memory the process grew by during the work (the work's own share, roughly). */
  growthMb: number
  limitMs: number
  limitMb: number
  outcome: string
  /** The other users' writes during the work: ok, and failed by code. */
  others: Record<string, number>
}

/** Runs `work` while the other users write; what it took. */
async function measure(
  env: BenchEnvironment,
  name: string,
  fn: 'stations' | 'households',
  work: () => Promise<unknown>,
  otherWrites: ((writer: number, n: number) => Promise<unknown>) | null,
): Promise<Figures> {
  const before = env.standin.requests.length
  const rssBefore = process.memoryUsage.rss()
  const mem = rssPeak()
  let running = true
  const others: Record<string, number> = {}
  const writers = Array.from({ length: otherWrites ? WRITERS : 0 }, async (_, i) => {
    for (let n = 0; running; n++) {
      try {
        await otherWrites!(i, n)
        others.ok = (others.ok ?? 0) + 1
      } catch (err) {
        const { outcome } = outcomeOf(err)
        others[outcome] = (others[outcome] ?? 0) + 1
      }
      await new Promise((r) => setTimeout(r, 50))
    }
  })
  const t0 = performance.now()
  let outcome = 'ok'
  const own: Requests = {}
  try {
    const result = await counted(own, work)
    const notWritten = (result as Partial<ImportReport>).problems?.length
    if (notWritten !== undefined) outcome = `ok, ${notWritten} rows not written`
  } catch (err) {
    outcome = outcomeOf(err).outcome
  }
  const ms = performance.now() - t0
  const rss = mem.stop()
  running = false
  await Promise.all(writers)
  const all = dbUseSince(env.standin, before)
  const count = (set: ReadonlySet<string>) => Object.entries(own).reduce((n, [a, c]) => (set.has(a) ? n + c : n), 0)
  const use: DbUse = {
    requests: Object.entries(own).reduce((n, [a, c]) => (a.startsWith('database.') ? n + c : n), 0),
    reads: count(READ_ACTIONS),
    writes: count(WRITE_ACTIONS),
    transactions: own['database.startTransaction'] ?? 0,
    largestTransaction: all.largestTransaction,
  }
  const limits = FUNCTIONS.find((f) => f.name === fn)!
  return { name, ms, rssMb: rss / 2 ** 20, growthMb: (rss - rssBefore) / 2 ** 20, limitMs: limits.timeoutSec * 1000, limitMb: limits.memoryMB, outcome, others, ...use }
}

async function main(): Promise<void> {
  const env = await startBenchEnvironment({ latencyMs: LATENCY_MS, jitterMs: JITTER_MS })
  watchRequests()
  const deps: Deps = env.deps
  console.log(`bench:long-work: latency ${LATENCY_MS} ms ± ${JITTER_MS} ms per database request; ${HOUSEHOLDS} households; ${WRITERS} other writers during each work`)
  const results: Figures[] = []
  try {
    await atFullSpeed(env.standin, () => seed(deps))
    const file = await stationImportFile(IMPORT_ROWS, 'csv')
    const draftSaves = (writer: number) => saveDraft(deps, worker(writer), { values: formValues(), step: 'members' })
    const importing = (bytes: Uint8Array, requestId: string) => () => importStations(deps, admin, { format: 'csv', bytes, coordSystem: 'gcj02', dryRun: false }, call(requestId))
    results.push(await measure(env, 'station_import_alone', 'stations', importing(file, 'req-bench-import-0'), null))
    await atFullSpeed(env.standin, () => importing(new TextEncoder().encode(new TextDecoder().decode(file).replace(/测试驿站/g, '驿站')), 'req-bench-import-1')())
    results.push(await measure(env, 'station_import', 'stations', importing(file, 'req-bench-import-2'), draftSaves))
    // An import of 1,000 changed stations while another admin edits some of them one by one.
    const changed = new TextDecoder().decode(file).replace(/测试驿站/g, '测试服务驿站')
    const stations = await atFullSpeed(env.standin, () => deps.store.repos.stations.byExternalIds(Array.from({ length: WRITERS * 20 }, (_, i) => `IMP-${i * 3}`)))
    const edits = async (writer: number, n: number) => {
      const s = stations[(writer * 20 + n) % stations.length]
      const fresh = (await deps.store.repos.stations.get(s.id))!
      const { id: _id, version, sample: _s, createdAt: _c, updatedAt: _u, ...fields } = fresh
      await updateStation(deps, editor, { stationId: s.id, version, station: { ...fields, phone: `0873-${String(1000000 + writer * 1000 + n).slice(-7)}` } })
    }
    results.push(await measure(env, 'station_import_edits', 'stations', importing(new TextEncoder().encode(changed), 'req-bench-import-3'), edits))
    results.push(await measure(env, 'household_export', 'households', () => exportHouseholds(deps, reviewer, { format: 'xlsx' }), draftSaves))
    results.push(await measure(env, 'ledger_export', 'households', () => exportLedger(deps, reviewer, { format: 'xlsx' }), draftSaves))
    results.push(await measure(env, 'dashboard', 'households', () => householdDashboard(deps, reviewer, { from: '2026-01-01', to: '2026-12-31' }), draftSaves))
  } finally {
    await env.close()
  }
  for (const r of results) {
    const others = Object.entries(r.others).map(([k, v]) => `${k} ${v}`).join(', ')
    console.log(
      `${r.name.padEnd(21)} ${r.outcome}  ${(r.ms / 1000).toFixed(1)} s of ${r.limitMs / 1000} s  rss peak ${r.rssMb.toFixed(0)} MB (+${r.growthMb.toFixed(0)} MB during) of ${r.limitMb} MB  ` +
        `requests ${r.requests} (reads ${r.reads}, writes ${r.writes}), transactions ${r.transactions}, largest ${r.largestTransaction} ops; others: ${others}`,
    )
  }
  const line = results.flatMap((r) => [
    `${r.name}_ms=${Math.round(r.ms)}`,
    `${r.name}_timeout_share=${(r.ms / r.limitMs).toFixed(2)}`,
    `${r.name}_rss_mb=${Math.round(r.rssMb)}`,
    `${r.name}_rss_growth_mb=${Math.round(r.growthMb)}`,
    `${r.name}_db_requests=${r.requests}`,
    `${r.name}_transactions=${r.transactions}`,
    `${r.name}_largest_transaction_ops=${r.largestTransaction}`,
    `${r.name}_other_writes_ok=${r.others.ok ?? 0}`,
    `${r.name}_other_writes_failed=${Object.entries(r.others).reduce((n, [k, v]) => (k === 'ok' ? n : n + v), 0)}`,
  ])
  console.log(['bench:long-work', `households=${HOUSEHOLDS}`, `import_rows=${IMPORT_ROWS}`, ...line].join(' '))
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})

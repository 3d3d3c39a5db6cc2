/**
 * `npm run load:cloud`: a city's peak hour on CloudBase. The built `cloudfunctions/<fn>/index.js`
 * bundles (the real `@cloudbase/node-sdk` inside each), against the loopback stand-in with latency
 * on every database request, called by many distinct WeChat users at once, each call with its own
 * OPENID as CloudBase gives one per invocation: 200 workers applying, 20 caseworkers and reviewers,
 * 5 admins, and the timer. Then each action again with nobody else calling, for the "p95 at most
 * 3 times alone" aim. Prints a row per action, the database use per completed application, how
 * long each plan's daily quotas last at this mix, and ends with
 * `load:cloud users=<n> calls=<n> user_errors=<n> p95_ms=<n> db_requests_per_call=<n>`.
 * A benchmark, not a test: nothing asserts a figure.
 *
 * Options (environment): LOAD_WORKERS (200), LOAD_CASEWORKERS (12), LOAD_REVIEWERS (8),
 * LOAD_ADMINS (5), LOAD_THINK_MS (3000, a worker's pause between calls: a draft saved every few
 * seconds), LOAD_RAMP_MS (60000, over which the workers arrive), LOAD_HOUSEHOLDS (500),
 * LOAD_DB_CONNECTIONS (unlimited: database requests in flight at once, 20 on the basic plan),
 * LOAD_PLANS (see ./load/report.ts),
 * LANTIAN_STANDIN_LATENCY_MS (10), LANTIAN_STANDIN_JITTER_MS (5).
 */
import { installPerCallEnv } from './load/caller-identity'
import { loadBundles, peakRequestsInFlight, resetPeak, watchRequests, type CallRecord } from './load/calls'
import { ROOT, seedCity, seedStaff } from './load/city'
import { benchDeps, quantile } from './load/harness'
import { actionTable, isUserError, perApplication, quotaLines, requestsOf, type Recorded } from './load/report'
import { standinEnv } from '../test/support/cloudbase-standin'
import { startStandinProcess } from './load/standin-process'
import { adminSession, caseworkerSession, FUNCTION_NAMES, reviewerSession, timerSession, workerSession, WORKER_SAVES, type LoadContext } from './load/sessions'

const n = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const WORKERS = n('LOAD_WORKERS', 200)
const CASEWORKERS = n('LOAD_CASEWORKERS', 12)
const REVIEWERS = n('LOAD_REVIEWERS', 8)
const ADMINS = n('LOAD_ADMINS', 5)
const THINK_MS = n('LOAD_THINK_MS', 3000)
const RAMP_MS = n('LOAD_RAMP_MS', 60_000)
const HOUSEHOLDS = n('LOAD_HOUSEHOLDS', 500)
const LATENCY_MS = n('LANTIAN_STANDIN_LATENCY_MS', 10)
const JITTER_MS = n('LANTIAN_STANDIN_JITTER_MS', 5)
const CONNECTIONS = n('LOAD_DB_CONNECTIONS', Infinity)
const TIMER_EVERY_MS = 5000

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

async function main(): Promise<void> {
  const latency = { latencyMs: LATENCY_MS, jitterMs: JITTER_MS }
  const standin = await startStandinProcess({ ...latency, ...(Number.isFinite(CONNECTIONS) ? { maxConcurrentRequests: CONNECTIONS } : {}) })
  const env = benchDeps(standinEnv(standin))
  Object.assign(process.env, env.functionEnv)
  const uninstall = installPerCallEnv()
  watchRequests()
  const fns = loadBundles(FUNCTION_NAMES)
  const staff = [
    ...Array.from({ length: CASEWORKERS }, (_, k) => ({ openid: `o-load-cw-${k}`, roles: ['caseworker' as const], unitId: ROOT })),
    ...Array.from({ length: REVIEWERS }, (_, k) => ({ openid: `o-load-rv-${k}`, roles: ['reviewer' as const], unitId: ROOT })),
    ...Array.from({ length: ADMINS }, (_, k) => ({ openid: `o-load-admin-${k}`, roles: ['admin' as const, 'reviewer' as const], unitId: ROOT })),
  ]
  await standin.setLimits({ latencyMs: 0, jitterMs: 0 })
  await seedCity(env.deps, HOUSEHOLDS)
  await seedStaff(env.deps, staff)
  await standin.setLimits(latency)
  console.log(
    `load:cloud: ${WORKERS} workers, ${CASEWORKERS} caseworkers, ${REVIEWERS} reviewers, ${ADMINS} admins and the timer; ` +
      `latency ${LATENCY_MS} ms ± ${JITTER_MS} ms per database request; connections ${CONNECTIONS}; think ${THINK_MS} ms; ${HOUSEHOLDS} households; ${WORKER_SAVES.length} draft saves per application`,
  )

  let records: Recorded[] = []
  let workersLeft = WORKERS
  const ctx: LoadContext = {
    fns,
    putFile: (path, bytes) => standin.putFile(path, bytes),
    thinkMs: THINK_MS,
    // The reply's data is left out: the figures need the outcome alone, and 6,000 replies would fill the heap.
    record: ({ data: _data, ...r }: CallRecord & { data?: unknown }, who) => void records.push({ ...r, who }),
    think: (ms) => sleep(ms * (0.5 + Math.random())),
    running: () => workersLeft > 0,
  }
  // The night before: the timer folds the seeded city's figures once, as it would have long before a
  // union's peak hour (the seed writes 3 payments a household, each a mark for the dashboard).
  await timerSession(ctx, 0, 1)
  records = []
  const t0 = performance.now()
  resetPeak()
  const workers = Array.from({ length: WORKERS }, async (_, i) => {
    await sleep((RAMP_MS * i) / Math.max(1, WORKERS))
    await workerSession(ctx, i)
    workersLeft--
  })
  const others = [
    ...Array.from({ length: CASEWORKERS }, (_, k) => caseworkerSession(ctx, k)),
    ...Array.from({ length: REVIEWERS }, (_, k) => reviewerSession(ctx, k)),
    ...Array.from({ length: ADMINS }, (_, k) => adminSession(ctx, k)),
    timerSession(ctx, TIMER_EVERY_MS),
  ]
  await Promise.all([...workers, ...others])
  const loadMs = performance.now() - t0
  const peak = peakRequestsInFlight()
  const load = records

  // Each action alone: the same sessions one at a time, nobody else calling.
  records = []
  workersLeft = 1
  ctx.thinkMs = 100
  for (let i = 0; i < 3; i++) await workerSession(ctx, i, 'solo')
  await caseworkerSession(ctx, 0, 3)
  await reviewerSession(ctx, 0, 3)
  await adminSession(ctx, 0, 1, true)
  await adminSession(ctx, 1, 2)
  await timerSession(ctx, 0, 3)
  const alone = records
  await standin.close()
  uninstall()

  for (const line of actionTable(load, alone)) console.log(line)
  const unexpected = new Map<string, number>()
  for (const r of load.filter(isUserError)) unexpected.set(`${r.fn}.${r.action} ${r.outcome}: ${r.message ?? ''}`, (unexpected.get(`${r.fn}.${r.action} ${r.outcome}: ${r.message ?? ''}`) ?? 0) + 1)
  for (const [what, count] of unexpected) console.log(`user error x${count}: ${what}`)
  const app = perApplication(load)
  const solo = perApplication(alone)
  for (const [what, a] of [['under load', app], ['alone', solo]] as const) {
    console.log(
      `per completed application ${what} (${a.applications}): ${a.calls.toFixed(1)} calls, ${a.draftSaves.toFixed(1)} draft saves, ` +
        `${a.reads.toFixed(1)} database reads, ${a.writes.toFixed(1)} database writes`,
    )
  }
  for (const line of quotaLines(load)) console.log(line)
  console.log(`run: ${(loadMs / 1000).toFixed(1)} s; most database requests in flight at once: ${peak}`)
  const users = new Set(load.filter((r) => r.who.role !== 'timer').map((r) => r.who.user)).size
  const userCalls = load.filter((r) => r.who.role !== 'timer')
  console.log(
    `load:cloud-application completed=${app.applications} writes_per_application=${app.writes.toFixed(1)} reads_per_application=${app.reads.toFixed(1)} ` +
      `draft_saves_per_application=${app.draftSaves.toFixed(1)} writes_per_application_alone=${solo.writes.toFixed(1)} peak_requests_in_flight=${peak}`,
  )
  console.log(
    `load:cloud users=${users} calls=${load.length} user_errors=${load.filter(isUserError).length} ` +
      `p95_ms=${quantile(userCalls.map((r) => r.ms), 0.95).toFixed(0)} db_requests_per_call=${(requestsOf(load) / Math.max(1, load.length)).toFixed(1)}`,
  )
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})

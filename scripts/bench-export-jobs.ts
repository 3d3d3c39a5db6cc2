/**
 * `npm run bench:export-jobs`: the city's household export as an export job on CloudBase, through
 * the use cases and the real `@cloudbase/node-sdk` against the stand-in (in a process of its own,
 * so this process is the function's) with 10 ms ± 2 ms per request: 2,000 households, then the
 * city grown to 20,000 and the same export again. Each part runs as the timer runs it (up to
 * TIMER_PART_MS of work, its lease, its part file, its saved cursor; the last also puts the file
 * together), one after another as the timer's minutes would. Printed per size: each part's time
 * against the functions' 60 s timeout, the total, the file's size, the peak resident memory and
 * heap of this process during the job, and for 10x the data the growth of time and memory; then
 * `name=value` lines. Not a test.
 *
 * BENCH_KIND=ledger runs the aid ledger's export job instead (帮扶资金台账, every approved entry of
 * the city by day paid, each page's households named by id), the city seeded with BENCH_PAYMENTS
 * approved payments a household.
 *
 * Options (environment): BENCH_SMALL (2000), BENCH_LARGE (20000), BENCH_PART_MS (40000: the
 * timer's part), BENCH_KIND (households | ledger), BENCH_PAYMENTS (5, for the ledger),
 * LANTIAN_STANDIN_LATENCY_MS (10), LANTIAN_STANDIN_JITTER_MS (2).
 */
import { performance } from 'node:perf_hooks'
import { FUNCTIONS } from '../server/cloud/functions.manifest'
import type { Deps } from '../server/ports'
import { runExportPart, startHouseholdExport, TIMER_PART_MS } from '../server/usecases/households/export-jobs'
import { startLedgerExport } from '../server/usecases/households/ledger-export-job'
import type { Actor } from '../src/domain'
import { call } from '../test/support/deps'
import { standinEnv } from '../test/support/cloudbase-standin'
import { ROOT, seedCity, seedStaff } from './load/city'
import { benchDeps } from './load/harness'
import { startStandinProcess } from './load/standin-process'

Object.assign(process.env, { TENCENTCLOUD: 'true', SILENCE: 'true' })

const SMALL = Number(process.env.BENCH_SMALL ?? 2000)
const LARGE = Number(process.env.BENCH_LARGE ?? 20000)
const PART_MS = Number(process.env.BENCH_PART_MS ?? TIMER_PART_MS)
const LATENCY_MS = Number(process.env.LANTIAN_STANDIN_LATENCY_MS ?? 10)
const JITTER_MS = Number(process.env.LANTIAN_STANDIN_JITTER_MS ?? 2)
const KIND = process.env.BENCH_KIND === 'ledger' ? 'ledger' : 'households'
const PAYMENTS = KIND === 'ledger' ? Number(process.env.BENCH_PAYMENTS ?? 5) : 0
const START = { households: startHouseholdExport, ledger: startLedgerExport }[KIND]
const reviewer: Actor = { openid: 'o-bench-reviewer', roles: ['reviewer', 'admin'], unitId: ROOT }
const MB = 2 ** 20

interface JobFigures {
  households: number
  parts: number[]
  totalMs: number
  rows: number
  size: number
  rssPeakMb: number
  rssBeforeMb: number
  heapPeakMb: number
}

/** Samples resident memory and heap every 20 ms until stopped. */
function peaks(): { stop(): { rss: number; heap: number } } {
  let rss = process.memoryUsage.rss()
  let heap = process.memoryUsage().heapUsed
  const timer = setInterval(() => {
    rss = Math.max(rss, process.memoryUsage.rss())
    heap = Math.max(heap, process.memoryUsage().heapUsed)
  }, 20)
  return { stop: () => (clearInterval(timer), { rss, heap }) }
}

/** One export job from start to file, each part timed. */
async function runJob(deps: Deps, households: number, n: number): Promise<JobFigures> {
  global.gc?.()
  const rssBefore = process.memoryUsage.rss()
  const mem = peaks()
  const t0 = performance.now()
  const job = await START(deps, reviewer, { format: 'xlsx' }, call(`req-bench-export-job-${n}`))
  const parts: number[] = []
  for (;;) {
    const p0 = performance.now()
    const outcome = await runExportPart(deps, job.jobId, { ms: PART_MS })
    parts.push(performance.now() - p0)
    if (outcome === 'ready') break
    if (outcome !== 'written') throw new Error(`part ${parts.length}: ${outcome}`)
  }
  const totalMs = performance.now() - t0
  const { rss, heap } = mem.stop()
  const done = (await deps.store.repos.exportJobs.get(job.jobId))!
  return { households, parts, totalMs, rows: done.done, size: done.file!.size, rssPeakMb: rss / MB, rssBeforeMb: rssBefore / MB, heapPeakMb: heap / MB }
}

async function main(): Promise<void> {
  const standin = await startStandinProcess({ latencyMs: 0, jitterMs: 0 })
  const { deps } = benchDeps(standinEnv(standin))
  const limits = FUNCTIONS.find((f) => f.name === 'households')!
  console.log(`bench:export-jobs (${KIND}${PAYMENTS ? `, ${PAYMENTS} payments a household` : ''}): latency ${LATENCY_MS} ms ± ${JITTER_MS} ms per database request; parts of up to ${PART_MS / 1000} s; ${SMALL} then ${LARGE} households; the households function: ${limits.timeoutSec} s, ${limits.memoryMB} MB`)
  const results: JobFigures[] = []
  try {
    for (const [i, size] of [SMALL, LARGE].entries()) {
      const s0 = performance.now()
      await seedCity(deps, size, i === 0 ? 0 : SMALL, PAYMENTS)
      if (i === 0) await seedStaff(deps, [reviewer])
      console.log(`  seeded ${size} households in ${((performance.now() - s0) / 1000).toFixed(0)} s`)
      await standin.setLimits({ latencyMs: LATENCY_MS, jitterMs: JITTER_MS })
      results.push(await runJob(deps, size, i))
      await standin.setLimits({ latencyMs: 0, jitterMs: 0 })
    }
  } finally {
    await standin.close()
  }
  for (const r of results) {
    console.log(
      `households=${r.households}: ${r.parts.length} parts (${r.parts.map((ms) => (ms / 1000).toFixed(1)).join(' s, ')} s; longest ${(Math.max(...r.parts) / 1000).toFixed(1)} s of ${limits.timeoutSec} s), ` +
        `total ${(r.totalMs / 1000).toFixed(1)} s, ${r.rows} rows, file ${(r.size / MB).toFixed(1)} MB, rss peak ${r.rssPeakMb.toFixed(0)} MB (before ${r.rssBeforeMb.toFixed(0)} MB) of ${limits.memoryMB} MB, heap peak ${r.heapPeakMb.toFixed(0)} MB`,
    )
  }
  const [small, large] = results
  const line = [
    `bench:export-jobs kind=${KIND}`,
    ...results.flatMap((r) => {
      const tag = r === small ? 'small' : 'large'
      return [`${tag}_households=${r.households}`, `${tag}_parts=${r.parts.length}`, `${tag}_longest_part_ms=${Math.round(Math.max(...r.parts))}`, `${tag}_total_ms=${Math.round(r.totalMs)}`, `${tag}_file_bytes=${r.size}`, `${tag}_rss_peak_mb=${Math.round(r.rssPeakMb)}`, `${tag}_heap_peak_mb=${Math.round(r.heapPeakMb)}`]
    }),
    `time_growth=${(large.totalMs / small.totalMs).toFixed(2)}`,
    `rss_peak_growth=${(large.rssPeakMb / small.rssPeakMb).toFixed(2)}`,
    `heap_peak_growth=${(large.heapPeakMb / small.heapPeakMb).toFixed(2)}`,
    `longest_part_timeout_share=${(Math.max(...large.parts) / (limits.timeoutSec * 1000)).toFixed(2)}`,
  ]
  console.log(line.join(' '))
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})

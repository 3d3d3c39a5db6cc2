/**
 * `npm run bench:concurrency`: N distinct workers at the same instant, through the use cases and
 * the real `@cloudbase/node-sdk`, against the loopback stand-in with latency on every database
 * request (10 ms by default: a function-to-database round trip). Three rounds per N: each worker
 * saves their first draft (a new draft), then each reads it back (`getDraft`), then each submits
 * (every submit takes the next application number of the year from one counter: the one document
 * they all write, so the transactions conflict and are retried). Prints ok / CONFLICT / other per
 * round and one `name=value` line. Not a test: nothing asserts a figure.
 *
 * Options (environment): BENCH_CALLERS (default 2,5,10,20), LANTIAN_STANDIN_LATENCY_MS (10),
 * LANTIAN_STANDIN_JITTER_MS (0).
 */
import { getDraft, saveDraft } from '../server/usecases/applicant/drafts'
import { submitApplication } from '../server/usecases/applicant/submit-application'
import type { Actor } from '../src/domain'
import { call, checkedSubmission, formValues, seedTestUnits } from '../test/support/deps'
import { nextIdNumber } from '../test/support/households'
import { atFullSpeed, concurrently, startBenchEnvironment, type BenchEnvironment, type Round } from './load/harness'

Object.assign(process.env, { TENCENTCLOUD: 'true', SILENCE: 'true' })

const CALLERS = (process.env.BENCH_CALLERS ?? '2,5,10,20').split(',').map(Number)
const LATENCY_MS = Number(process.env.LANTIAN_STANDIN_LATENCY_MS ?? 10)
const JITTER_MS = Number(process.env.LANTIAN_STANDIN_JITTER_MS ?? 0)

const worker = (n: number, i: number): Actor => ({ openid: `o-bench-${n}-${i}`, roles: ['worker'] })
const draft = { values: formValues(), step: 'applicant' as const }

/** One row: N, then per round ok / CONFLICT / other, transactions started, and database requests per call. */
function row(n: number, round: Round): string {
  const { ok = 0, CONFLICT = 0, ...rest } = round.counts
  const other = Object.values(rest).reduce((a, b) => a + b, 0)
  const total = Object.values(round.requests).reduce((a, b) => a + b, 0)
  const txs = round.requests['database.startTransaction'] ?? 0
  return `${ok} / ${CONFLICT} / ${other}  (transactions ${txs}, db requests per call ${(total / n).toFixed(1)})`
}

export interface ConcurrencyFigures {
  callers: number
  drafts: Round
  reads: Round
  submits: Round
}

/** The two rounds for `n` workers on a fresh database: new drafts at once, then their reads at once. */
export async function measure(env: BenchEnvironment, n: number): Promise<ConcurrencyFigures> {
  env.standin.reset()
  await atFullSpeed(env.standin, () => seedTestUnits(env.deps.store))
  const drafts = await concurrently(env.standin, n, (i) => saveDraft(env.deps, worker(n, i), draft))
  // The reads need a draft each: the workers whose first save did not get through save again, alone.
  await atFullSpeed(env.standin, async () => {
    for (let i = 0; i < n; i++) if (drafts.results[i].outcome !== 'ok') await saveDraft(env.deps, worker(n, i), draft)
  })
  const reads = await concurrently(env.standin, n, (i) => getDraft(env.deps, worker(n, i)))
  const forms = Array.from({ length: n }, () => checkedSubmission({ idNumber: nextIdNumber(), memberIds: [nextIdNumber()] }))
  const submits = await concurrently(env.standin, n, (i) => submitApplication(env.deps, worker(n, i), forms[i], call(`bench-${n}-${i}`)))
  return { callers: n, drafts, reads, submits }
}

async function main(): Promise<void> {
  const env = await startBenchEnvironment({ latencyMs: LATENCY_MS, jitterMs: JITTER_MS })
  console.log(`bench:concurrency: latency ${LATENCY_MS} ms ± ${JITTER_MS} ms per database request; N distinct workers at once`)
  console.log('per round: ok / CONFLICT / other')
  const figures: ConcurrencyFigures[] = []
  try {
    for (const n of CALLERS) {
      const f = await measure(env, n)
      figures.push(f)
      console.log(`N=${String(n).padStart(3)}  new drafts: ${row(n, f.drafts)}`)
      console.log(`        getDraft:   ${row(n, f.reads)}`)
      console.log(`        submit:     ${row(n, f.submits)}`)
      const others = [...f.drafts.results, ...f.reads.results, ...f.submits.results].filter((r) => r.detail).map((r) => r.detail)
      for (const detail of new Set(others)) console.log(`        other: ${detail}`)
    }
  } finally {
    await env.close()
  }
  const list = (pick: (f: ConcurrencyFigures) => number) => figures.map(pick).join(',')
  const other = (r: Round) => r.results.filter((x) => x.outcome !== 'ok' && x.outcome !== 'CONFLICT').length
  console.log(
    [
      'bench:concurrency',
      `latency_ms=${LATENCY_MS}`,
      `jitter_ms=${JITTER_MS}`,
      `callers=${list((f) => f.callers)}`,
      `new_drafts_ok=${list((f) => f.drafts.counts.ok ?? 0)}`,
      `new_drafts_conflict=${list((f) => f.drafts.counts.CONFLICT ?? 0)}`,
      `get_draft_ok=${list((f) => f.reads.counts.ok ?? 0)}`,
      `get_draft_conflict=${list((f) => f.reads.counts.CONFLICT ?? 0)}`,
      `submit_ok=${list((f) => f.submits.counts.ok ?? 0)}`,
      `submit_conflict=${list((f) => f.submits.counts.CONFLICT ?? 0)}`,
      `submit_transactions=${list((f) => f.submits.requests['database.startTransaction'] ?? 0)}`,
      `other_errors=${figures.reduce((sum, f) => sum + other(f.drafts) + other(f.reads) + other(f.submits), 0)}`,
    ].join(' '),
  )
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err)
    process.exit(1)
  })
}

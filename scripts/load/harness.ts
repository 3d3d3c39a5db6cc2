/**
 * The harness of the concurrency benchmarks: a loopback CloudBase stand-in holding the deployed
 * collections and indexes, with latency per request, the real `@cloudbase/node-sdk` pointed at it,
 * and a way to start N callers at the same instant and count what each of them saw.
 * `npm run bench:concurrency` calls use cases through it; `npm run load:cloud` builds on it.
 */
import { randomBytes } from 'node:crypto'
import { AppError } from '../../src/domain/contract'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { cloudbaseFileStore } from '../../server/adapters/cloudbase/file-store'
import { createCipher } from '../../server/adapters/node-cipher'
import type { Deps } from '../../server/ports'
import { randomIds, systemClock } from '../../server/runtime'
import type { Standin, StandinOptions } from '../../test/cloudbase-standin'
import { resetSdk } from '../../server/adapters/cloudbase/sdk'
import { startDeployedStandin, standinEnv, useStandin } from '../../test/support/cloudbase-standin'

/** A stand-in with the deployed schema and the use-case dependencies of one warm function container. */
export interface BenchEnvironment {
  standin: Standin
  deps: Deps
  /** The environment a built function bundle needs to talk to this stand-in (add WX_OPENID per call). */
  functionEnv: Record<string, string>
  close(): Promise<void>
}

/**
 * Starts the stand-in (latency from `options`, else `LANTIAN_STANDIN_LATENCY_MS` /
 * `LANTIAN_STANDIN_JITTER_MS`) and points this process's CloudBase adapters at it.
 */
export async function startBenchEnvironment(options: StandinOptions = {}): Promise<BenchEnvironment> {
  const standin = await startDeployedStandin(options)
  useStandin(standin)
  return { standin, ...benchDeps(standinEnv(standin)), close: () => standin.close() }
}

/**
 * The use-case dependencies of one warm function container on the CloudBase service of `env`
 * (from `standinEnv`), set in this process's environment; and the environment a built function
 * bundle needs (add WX_OPENID per call).
 */
export function benchDeps(env: Record<string, string>): Pick<BenchEnvironment, 'deps' | 'functionEnv'> {
  Object.assign(process.env, env)
  resetSdk()
  const dataKey = randomBytes(32)
  const deps: Deps = {
    store: createCloudbaseStore(),
    clock: systemClock,
    ids: randomIds,
    cipher: createCipher(dataKey),
    settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' },
    files: cloudbaseFileStore(),
  }
  const functionEnv = { ...env, LANTIAN_DATA_KEY: dataKey.toString('base64'), WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID', WX_APPID: 'wx-bench' }
  return { deps, functionEnv }
}

/** Runs `work` with no latency (seeding, preparing a round), then puts the latency back. */
export async function atFullSpeed<T>(standin: Standin, work: () => Promise<T>): Promise<T> {
  const { latencyMs, jitterMs } = standin.limits
  Object.assign(standin.limits, { latencyMs: 0, jitterMs: 0 })
  try {
    return await work()
  } finally {
    Object.assign(standin.limits, { latencyMs, jitterMs })
  }
}

/** What a caller saw: `ok`, an AppError's code (`CONFLICT`, ...), or `other` for anything else. */
export type Outcome = 'ok' | string

/** One caller's result: its outcome, how long it took, and for `other` the error's text. */
export interface CallResult {
  outcome: Outcome
  ms: number
  detail?: string
}

/** The outcome of a settled call: an AppError's code is what the user sees; anything else is `other`. */
export function outcomeOf(err: unknown): { outcome: Outcome; detail?: string } {
  if (err instanceof AppError) return { outcome: err.code }
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | null
  return { outcome: 'other', detail: `${String(e?.code ?? e?.name ?? 'Error')}: ${String(e?.message ?? err)}`.slice(0, 200) }
}

/** A round of concurrent calls: each caller's result and the database requests the round made. */
export interface Round {
  results: CallResult[]
  /** Count of each outcome, `ok` first. */
  counts: Record<Outcome, number>
  /** Database requests (every /admin action) the round sent, by action. */
  requests: Record<string, number>
}

/** Starts `n` calls at the same instant (`call(i)` for i = 0..n-1) and waits for all of them. */
export async function concurrently(standin: Standin, n: number, call: (i: number) => Promise<unknown>): Promise<Round> {
  const before = standin.requests.length
  let go!: () => void
  const start = new Promise<void>((resolve) => (go = resolve))
  const calls = Array.from({ length: n }, async (_, i): Promise<CallResult> => {
    await start
    const t0 = performance.now()
    try {
      await call(i)
      return { outcome: 'ok', ms: performance.now() - t0 }
    } catch (err) {
      return { ...outcomeOf(err), ms: performance.now() - t0 }
    }
  })
  go()
  const results = await Promise.all(calls)
  const counts: Record<Outcome, number> = { ok: 0 }
  for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1
  const requests: Record<string, number> = {}
  for (const r of standin.requests.slice(before)) requests[r.action] = (requests[r.action] ?? 0) + 1
  return { results, counts, requests }
}

/** Database actions CloudBase counts as reads and as writes against a plan's daily quotas (the rest open and close transactions). */
export const READ_ACTIONS: ReadonlySet<string> = new Set(['database.getDocument', 'database.calculateDocument', 'database.aggregateDocuments'])
export const WRITE_ACTIONS: ReadonlySet<string> = new Set(['database.insertDocument', 'database.modifyDocument', 'database.removeDocument'])

/** What a stretch of work asked of the database. */
export interface DbUse {
  requests: number
  reads: number
  writes: number
  transactions: number
  /** Operations of the largest transaction (each a round trip while it holds its documents). */
  largestTransaction: number
}

/** The database use of the requests `from` index on (`standin.requests.length` before the work). */
export function dbUseSince(standin: Standin, from: number): DbUse {
  const seen = standin.requests.slice(from)
  const perTx = new Map<string, number>()
  for (const r of seen) if (r.transactionId) perTx.set(r.transactionId, (perTx.get(r.transactionId) ?? 0) + 1)
  return {
    requests: seen.length,
    reads: seen.filter((r) => READ_ACTIONS.has(r.action)).length,
    writes: seen.filter((r) => WRITE_ACTIONS.has(r.action)).length,
    transactions: seen.filter((r) => r.action === 'database.startTransaction').length,
    largestTransaction: Math.max(0, ...perTx.values()),
  }
}

/** Samples the process's resident memory every `everyMs` until stopped; the peak in bytes. */
export function rssPeak(everyMs = 10): { stop(): number } {
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), everyMs)
  return {
    stop() {
      clearInterval(timer)
      return Math.max(peak, process.memoryUsage.rss())
    },
  }
}

/** The value at quantile `q` (0..1) of `values`, nearest rank; 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

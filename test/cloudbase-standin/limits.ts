import { calculateObjectSize } from 'bson'

/**
 * The limits and timing of the stand-in. Defaults are CloudBase's documented figures where there
 * are some, else MongoDB's (CloudBase runs on MongoDB); test/cloudbase-standin/README.md names the
 * source of each.
 */
export interface StandinLimits {
  /** Added to every request to /admin, half before it is handled and half after (a round trip). */
  latencyMs: number
  /** Each request's latency varies by up to this much either way, uniformly. */
  jitterMs: number
  /** A transaction not committed this long after it started is aborted and its locks released (MongoDB: 60 s). */
  transactionLifetimeMs: number
  /** The writes of one transaction, in BSON bytes (MongoDB 4.0: one oplog entry of 16 MB). */
  maxTransactionBytes: number
  /** Write operations in one transaction; CloudBase documents none, so unlimited unless a test sets it. */
  maxTransactionWrites: number
  /** One document, in BSON bytes (MongoDB: 16 MB). */
  maxDocumentBytes: number
  /** One request body (CloudBase: 100 MB for requests other than function calls). */
  maxRequestBytes: number
  /**
   * Requests to /admin in flight at once (their latency included); more are refused with
   * EXCEED_CONCURRENT_REQUEST_LIMIT. Unlimited by default; a plan's "simultaneous connections"
   * (20 on the basic plan) for load runs.
   */
  maxConcurrentRequests: number
  /** How long a write outside transactions waits for a transaction's lock before failing. */
  lockWaitMs: number
}

const MB = 1024 * 1024

export const DEFAULT_LIMITS: StandinLimits = {
  latencyMs: 0,
  jitterMs: 0,
  transactionLifetimeMs: 60_000,
  maxTransactionBytes: 16 * MB,
  maxTransactionWrites: Infinity,
  maxDocumentBytes: 16 * MB,
  maxRequestBytes: 100 * MB,
  maxConcurrentRequests: Infinity,
  lockWaitMs: 5000,
}

/** Environment variables that set the latency for scripts: `LANTIAN_STANDIN_LATENCY_MS`, `LANTIAN_STANDIN_JITTER_MS`. */
export function limitsFromEnv(env: Record<string, string | undefined> = process.env): Partial<StandinLimits> {
  const number = (name: string) => {
    const raw = env[name]
    if (raw === undefined || raw === '') return undefined
    const n = Number(raw)
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of milliseconds, got ${raw}`)
    return n
  }
  const latencyMs = number('LANTIAN_STANDIN_LATENCY_MS')
  const jitterMs = number('LANTIAN_STANDIN_JITTER_MS')
  return { ...(latencyMs === undefined ? {} : { latencyMs }), ...(jitterMs === undefined ? {} : { jitterMs }) }
}

/** One request's delay: latency plus or minus up to jitter, never negative. */
export function requestDelay(limits: Pick<StandinLimits, 'latencyMs' | 'jitterMs'>, random: () => number = Math.random): number {
  return Math.max(0, limits.latencyMs + (random() * 2 - 1) * limits.jitterMs)
}

/** A document's size as MongoDB counts it. */
export const bsonSize = (doc: Record<string, unknown>): number => calculateObjectSize(doc)

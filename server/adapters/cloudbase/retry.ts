/** How a busy transaction is run again: attempts, and the backoff between them. */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  attempts: number
  /** The first backoff's ceiling; each later one doubles, up to `maxMs`. */
  baseMs: number
  maxMs: number
}

/**
 * 10 attempts over at most about 3 s of backoff in all: a conflict lasts as long as the other
 * transaction (tens of milliseconds), and the function's timeout is far longer.
 */
export const TRANSACTION_RETRY: RetryPolicy = { attempts: 10, baseMs: 15, maxMs: 800 }

/** "Full jitter" backoff before attempt `attempt` + 1: uniformly random up to the exponential ceiling, so colliding callers spread out. */
export const backoffMs = (policy: RetryPolicy, attempt: number, random = Math.random): number => random() * Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1))

/**
 * Runs `attempt` until it succeeds, fails with an error that is not `transient`, or has been tried
 * `policy.attempts` times (then the last error is thrown). Waits a jittered backoff between tries.
 */
export async function withRetry<T>(policy: RetryPolicy, transient: (err: unknown) => boolean, attempt: (n: number) => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n)
    } catch (err) {
      if (n >= policy.attempts || !transient(err)) throw err
      await new Promise((done) => setTimeout(done, backoffMs(policy, n)))
    }
  }
}

import { AppError } from '../../../src/domain'
import type { Deps, Repositories } from '../../ports'

/**
 * Limits per identity on what a person can do too often on purpose or by a stuck client: a fixed
 * window per rule and identity, counted in the rate-limit repository by key (so it works the same
 * on both stores and contends only per person). An attempt counts whether or not it then succeeds.
 */

/** How many uses of an action one identity gets per window. */
export interface RateRule {
  name: string
  limit: number
  windowMs: number
}

const MINUTE = 60_000

export const RATE_RULES = {
  /** Submitting or resubmitting an application: a person applies once; ten tries an hour is already many. */
  submit: { name: 'submit', limit: 10, windowMs: 60 * MINUTE },
  /**
   * Files uploaded (a worker's documents, a caseworker's visit photos): at most 20 documents a case.
   * Counted from the person's upload records (`recordUpload` in ./uploads), not by `takeRate`.
   */
  upload: { name: 'upload', limit: 30, windowMs: 10 * MINUTE },
  /** Problem reports on stations: one pending per station anyway. */
  report: { name: 'report', limit: 5, windowMs: 60 * MINUTE },
} as const satisfies Record<string, RateRule>

/** "30 秒", "5 分钟", "2 小时": how long to wait, rounded up. */
export function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000))
  if (seconds <= 90) return `${seconds} 秒`
  const minutes = Math.ceil(seconds / 60)
  return minutes <= 90 ? `${minutes} 分钟` : `${Math.ceil(minutes / 60)} 小时`
}

/**
 * Counts one use of `rule` by `openid`, in a transaction of its own (so a use that then fails
 * still counts). RATE_LIMITED, saying when to try again, once the window's uses are spent.
 */
export async function takeRate(deps: Deps, openid: string, rule: RateRule): Promise<void> {
  const now = deps.clock.now()
  await deps.store.transaction((repos) => countRate(repos, now, openid, rule))
}

/**
 * `takeRate`'s work in the caller's transaction: the caller must keep it when what follows fails
 * (`Store.transactionKeeping`), or the failed use would not count.
 */
export async function countRate(repos: Repositories, at: Date, openid: string, rule: RateRule): Promise<void> {
  const now = at.getTime()
  const key = `rate:${rule.name}:${openid}`
  const rec = await repos.rateLimits.get(key)
  const started = rec ? Date.parse(rec.windowStart) : NaN
  const fresh = !rec || !(now - started < rule.windowMs)
  if (!fresh && rec.count >= rule.limit) throw new AppError('RATE_LIMITED', `操作太频繁，请 ${waitText(started + rule.windowMs - now)}后再试`)
  await repos.rateLimits.put(fresh ? { key, count: 1, windowStart: new Date(now).toISOString() } : { ...rec, count: rec.count + 1 })
}

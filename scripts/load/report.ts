/**
 * The figures of `npm run load:cloud`: a row per action (calls, ok, each error code, retries, p50
 * and p95, database reads, writes and requests per call, p95 alone and the ratio), the database
 * use per completed application, how long each plan's daily quotas last at this mix, and the
 * closing `load:cloud ...` line.
 */
import type { CallRecord } from './calls'
import { quantile, READ_ACTIONS, WRITE_ACTIONS } from './harness'
import type { Who } from './sessions'

export type Recorded = CallRecord & { who: Who }

/** The reply CloudBase's adapter gives a transaction conflict it could not get through. */
const TRANSIENT = '当前办理的人较多'
/** Staff decisions: a CONFLICT there that is not transient is two staff deciding the same case, a genuine race. */
const DECISIONS = new Set(['review.startScreening', 'review.acceptScreening', 'households.decideLedgerEntry'])

/** True when the user would see this reply as a failure that is not a genuine race on the same record. */
export function isUserError(r: Recorded): boolean {
  if (r.outcome === 'ok' || r.who.role === 'timer') return false
  return !(r.outcome === 'CONFLICT' && DECISIONS.has(`${r.fn}.${r.action}`) && !r.message?.includes(TRANSIENT))
}

const sum = (rs: readonly Recorded[], pick: (action: string) => boolean) =>
  rs.reduce((n, r) => n + Object.entries(r.requests).reduce((m, [a, c]) => (pick(a) ? m + c : m), 0), 0)
export const readsOf = (rs: readonly Recorded[]) => sum(rs, (a) => READ_ACTIONS.has(a))
export const writesOf = (rs: readonly Recorded[]) => sum(rs, (a) => WRITE_ACTIONS.has(a))
export const requestsOf = (rs: readonly Recorded[]) => sum(rs, (a) => a.startsWith('database.'))
/** Transactions started and not committed: each a conflict retried (by the SDK or the use case) or given up. */
export const retriesOf = (rs: readonly Recorded[]) => sum(rs, (a) => a === 'database.startTransaction') - sum(rs, (a) => a === 'database.commitTransaction')

const groupBy = <T>(xs: readonly T[], key: (x: T) => string) => {
  const out = new Map<string, T[]>()
  for (const x of xs) out.set(key(x), [...(out.get(key(x)) ?? []), x])
  return out
}

export const actionKey = (r: CallRecord) => `${r.fn}.${r.action}`

/** The table of actions; `alone` gives each action's p95 with nobody else calling. */
export function actionTable(records: readonly Recorded[], alone: readonly Recorded[]): string[] {
  const aloneP95 = new Map([...groupBy(alone, actionKey)].map(([k, rs]) => [k, quantile(rs.map((r) => r.ms), 0.95)]))
  const header = ['action', 'calls', 'ok', 'errors', 'retries', 'p50 ms', 'p95 ms', 'alone p95', 'x alone', 'reads', 'writes', 'requests']
  const rows = [...groupBy(records, actionKey)].sort(([a], [b]) => a.localeCompare(b)).map(([key, rs]) => {
    const codes = [...groupBy(rs.filter((r) => r.outcome !== 'ok'), (r) => r.outcome)].map(([c, xs]) => `${c} ${xs.length}`).join(', ')
    const p95 = quantile(rs.map((r) => r.ms), 0.95)
    const solo = aloneP95.get(key)
    const per = (n: number) => (n / rs.length).toFixed(1)
    return [
      key, String(rs.length), String(rs.filter((r) => r.outcome === 'ok').length), codes || '-', String(retriesOf(rs)),
      quantile(rs.map((r) => r.ms), 0.5).toFixed(0), p95.toFixed(0), solo === undefined ? '-' : solo.toFixed(0), solo ? (p95 / solo).toFixed(1) : '-',
      per(readsOf(rs)), per(writesOf(rs)), per(requestsOf(rs)),
    ]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
  return [line(header), ...rows.map(line)]
}

/** Database use per completed application: every call of the workers whose submit went through. */
export function perApplication(records: readonly Recorded[]): { applications: number; calls: number; reads: number; writes: number; draftSaves: number } {
  const done = new Set(records.filter((r) => r.who.role === 'worker' && r.action === 'submit' && r.outcome === 'ok').map((r) => r.who.user))
  const theirs = records.filter((r) => done.has(r.who.user))
  const n = Math.max(1, done.size)
  return {
    applications: done.size,
    calls: theirs.length / n,
    reads: readsOf(theirs) / n,
    writes: writesOf(theirs) / n,
    draftSaves: theirs.filter((r) => r.action === 'saveDraft').length / n,
  }
}

/** A plan's daily database quotas. */
export interface Plan {
  name: string
  readsPerDay: number
  writesPerDay: number
}

/**
 * The plans whose quotas are documented in the project's notes (WeChat's CloudBase quota page):
 * the basic plan's 50,000 reads and 30,000 writes a day. Others are given as
 * `LOAD_PLANS="name:reads:writes,..."` from the console's figures.
 */
export function plans(env = process.env.LOAD_PLANS): Plan[] {
  const basic: Plan = { name: 'basic', readsPerDay: 50_000, writesPerDay: 30_000 }
  if (!env) return [basic]
  return [basic, ...env.split(',').map((p) => {
    const [name, reads, writes] = p.split(':')
    return { name, readsPerDay: Number(reads), writesPerDay: Number(writes) }
  })]
}

/** How many peak hours like this run (every user doing their session once) each plan's daily quotas hold. */
export function quotaLines(records: readonly Recorded[]): string[] {
  const reads = readsOf(records)
  const writes = writesOf(records)
  return plans().map((p) => {
    const hours = Math.min(p.readsPerDay / Math.max(1, reads), p.writesPerDay / Math.max(1, writes))
    return `${p.name} plan (${p.readsPerDay.toLocaleString('en')} reads, ${p.writesPerDay.toLocaleString('en')} writes a day): this mix uses ${reads.toLocaleString('en')} reads and ${writes.toLocaleString('en')} writes; the quotas hold ${hours.toFixed(1)} such peak hours a day (reads ${(p.readsPerDay / Math.max(1, reads)).toFixed(1)}, writes ${(p.writesPerDay / Math.max(1, writes)).toFixed(1)})`
  })
}

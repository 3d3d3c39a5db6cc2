import type { DeliveryOutcome, Deps, Notifier, OutboxEntry } from '../../ports'
import { ACCEPTANCES_NEEDED, importanceOf, templateOfEntry } from './subscriptions'

/** After this many attempts an entry that still fails is marked failed (kept, listed by status, never dropped). */
export const MAX_ATTEMPTS = 8
/** Waits between attempts: 1 min, 2, 4 ... up to an hour (attempt 8 comes about 2 hours after the first). */
export const BACKOFF_BASE_MS = 60_000
export const BACKOFF_CAP_MS = 3600_000
/**
 * How long a run holds an entry while sending it. Longer than any send can take (the timer
 * function stops after 60 s), so no other run takes the entry over while it is being sent.
 */
export const LEASE_MS = 5 * 60_000

/** The wait after the `attempts`-th failed attempt. */
export const backoffMs = (attempts: number) => Math.min(BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1), BACKOFF_CAP_MS)

export interface DeliveryReport {
  due: number
  sent: number
  skipped: number
  /** Failed this time, to be tried again after the backoff. */
  retrying: number
  /** Failed for good: permanent errors, or MAX_ATTEMPTS reached. */
  failed: number
  /** Taken by another run first (or its lease lost): not sent by this one. */
  busy: number
}

type Attempt = DeliveryOutcome | { status: 'retry'; error: string }

const describe = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : (JSON.stringify(err) ?? String(err))).slice(0, 200)

/** The entry as written after an attempt that ended with `outcome`. */
function settle(claimed: OutboxEntry, outcome: Attempt, at: Date): OutboxEntry {
  const iso = at.toISOString()
  const done = { ...claimed, leaseId: null, nextAttemptAt: iso }
  switch (outcome.status) {
    case 'sent':
      return { ...done, status: 'sent', sentAt: iso, lastError: null }
    case 'skipped':
      return { ...done, status: 'skipped', lastError: outcome.reason }
    case 'failed':
      return { ...done, status: 'failed', lastError: outcome.error }
    case 'retry':
      if (claimed.attempts >= MAX_ATTEMPTS) return { ...done, status: 'failed', lastError: outcome.error }
      return { ...done, status: 'pending', lastError: outcome.error, nextAttemptAt: new Date(at.getTime() + backoffMs(claimed.attempts)).toISOString() }
  }
}

/**
 * One attempt at an entry. WeChat delivers a subscribe message only against one of the recipient's
 * acceptances, so: no template, a message not worth one, or none left, and the entry is closed as
 * in-app only without calling WeChat. Otherwise one acceptance is taken first (so two runs never
 * spend the same one) and given back when WeChat did not deliver.
 */
async function attempt(deps: Deps, notifier: Notifier, entry: OutboxEntry): Promise<Attempt> {
  const repos = deps.store.repos
  const template = await templateOfEntry(repos, entry, deps.settings.defaultUnitId)
  if ('none' in template) return { status: 'skipped', reason: `in-app only: ${template.none}` }
  const who = entry.recipientOpenid
  const at = () => deps.clock.now().toISOString()
  const needed = ACCEPTANCES_NEEDED[importanceOf(entry)]
  if (!Number.isFinite(needed)) return { status: 'skipped', reason: "in-app only: the worker's own act is not worth an acceptance" }
  const held = (await repos.subscriptions.get(who, template.templateId))?.remaining ?? 0
  if (held < needed) {
    return { status: 'skipped', reason: held ? 'in-app only: the one acceptance held is kept for a decision' : 'in-app only: no acceptance to spend' }
  }
  if (!(await repos.subscriptions.spend(who, template.templateId, at()))) return { status: 'skipped', reason: 'in-app only: no acceptance to spend' }
  let outcome: DeliveryOutcome
  try {
    outcome = await notifier.send(entry, template)
  } catch (err) {
    await repos.subscriptions.refund(who, template.templateId, at())
    return { status: 'retry', error: describe(err) }
  }
  if (outcome.status === 'skipped' && outcome.noneLeft) await repos.subscriptions.clear(who, template.templateId, at())
  else if (outcome.status !== 'sent') await repos.subscriptions.refund(who, template.templateId, at())
  return outcome
}

/**
 * Delivers the outbox entries that are due, at most `limit`, one at a time. Each entry is first
 * claimed: its attempts count goes up by one and its next attempt moves a lease ahead, written
 * only if the count is still the one read, so of two runs that read the same entry only one sends
 * it. The outcome is then written back guarded by the claimed count. An entry is sent twice only
 * when a run dies between sending and writing back (at least once, as the outbox promises).
 * The notifier is an argument, not part of Deps: only this run sends anything.
 */
export async function deliverOutbox(deps: Deps, notifier: Notifier, opts: { limit: number }): Promise<DeliveryReport> {
  const outbox = deps.store.repos.outbox
  const start = deps.clock.now()
  const due = await outbox.due(start.toISOString(), opts.limit)
  const leaseId = deps.ids.newId()
  const report: DeliveryReport = { due: due.length, sent: 0, skipped: 0, retrying: 0, failed: 0, busy: 0 }

  for (const entry of due) {
    const now = deps.clock.now()
    const claimed: OutboxEntry = { ...entry, attempts: entry.attempts + 1, nextAttemptAt: new Date(now.getTime() + LEASE_MS).toISOString(), leaseId }
    if (!(await outbox.update(claimed, entry.attempts))) {
      report.busy++
      continue
    }
    let outcome: Attempt
    try {
      outcome = await attempt(deps, notifier, entry)
    } catch (err) {
      outcome = { status: 'retry', error: describe(err) }
    }
    const next = settle(claimed, outcome, deps.clock.now())
    if (!(await outbox.update(next, claimed.attempts))) {
      // Another run took the entry over after the lease ran out; it records its own attempt.
      console.error(`[outbox] lease lost on ${entry.kind} entry after attempt ${claimed.attempts}`)
      report.busy++
      continue
    }
    if (next.status === 'sent') report.sent++
    else if (next.status === 'skipped') report.skipped++
    else if (next.status === 'failed') report.failed++
    else report.retrying++
  }
  return report
}

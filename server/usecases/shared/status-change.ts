import { AppError, nextStatus, transitionProblem, type Actor, type TransitionName } from '../../../src/domain'
import { stageDueAt } from '../../../src/domain/review'
import type { ApplicationRecord, Deps, PolicyRecord, Repositories } from '../../ports'
import { auditedActor } from './actor'
import { appendAudit } from './audit'
import { openApplicationForId, openApplicationOf } from './claim-keys'
import { notifyApplicant } from './notify'
import { policyFor } from './policy'

export interface StatusChangeOptions {
  /** The version the decision was made on: a stale one is a CONFLICT. */
  expectedVersion: number
  /** Shown to the applicant in the timeline and the message, e.g. why it was returned. */
  note?: string
  /** Recorded in the audit event; no sensitive values. */
  detail?: Record<string, unknown>
  /** Other fields the decision writes with the status (its review entry, the fields to fix ...). */
  patch?: Partial<Omit<ApplicationRecord, 'id' | 'status' | 'version' | 'timeline'>>
  /** The policy of the record's unit, when the caller has already found it (null: none applies): the unit's path is not walked again. */
  policy?: PolicyRecord | null
}

/**
 * Statuses that end an application: its open-application claims are released. After filing, the
 * household's own file keeps the person from being filed twice (review/filing.ts).
 */
const CLOSING = new Set(['withdrawn', 'rejected', 'filed'])

/** The deadline of `status` entered at `at`, from the policy of the application's unit (or its nearest ancestor's). */
export async function dueAtFor(repos: Repositories, rec: ApplicationRecord, status: ApplicationRecord['status'], at: Date): Promise<string | null> {
  const unit = await repos.units.get(rec.unitId)
  return dueAtUnder((unit && (await policyFor(repos, unit))?.policy) || null, status, at)
}

/** The deadline of `status` entered at `at` under a policy already found (null: none applies). */
export const dueAtUnder = (policy: PolicyRecord | null, status: ApplicationRecord['status'], at: Date): string | null =>
  policy ? stageDueAt(at, policy.stageDeadlineDays[status]) : null

/**
 * Takes transition `name` on `rec` inside the caller's transaction: checks the rule and the
 * version, writes the new status with its timeline entry and deadline, the audit event, the
 * in-app message and the outbox entry. A transition that keeps the status (a record made within
 * a stage) writes no timeline entry and sends no message. Jurisdiction is the caller's check.
 * Returns the record as written.
 */
export async function changeStatus(
  deps: Deps,
  repos: Repositories,
  actor: Actor,
  rec: ApplicationRecord,
  name: TransitionName,
  opts: StatusChangeOptions,
): Promise<ApplicationRecord> {
  const problem = transitionProblem(name, rec.status, { roles: actor.roles, isOwner: rec.applicantOpenid === actor.openid })
  if (problem) throw new AppError(problem.code, problem.message)
  if (rec.version !== opts.expectedVersion) throw new AppError('CONFLICT', '申请已有更新，请刷新后再操作')

  const now = deps.clock.now()
  const at = now.toISOString()
  const status = nextStatus(name, rec.status)
  const moved = status !== rec.status
  const next: ApplicationRecord = {
    ...rec,
    ...opts.patch,
    status,
    version: rec.version + 1,
    updatedAt: at,
    timeline: moved ? [...rec.timeline, opts.note ? { at, status, note: opts.note } : { at, status }] : rec.timeline,
    ...(moved ? { stageEnteredAt: at, dueAt: opts.policy !== undefined ? dueAtUnder(opts.policy, status, now) : await dueAtFor(repos, rec, status, now) } : {}),
  }
  if (!(await repos.applications.update(next, rec.version))) throw new AppError('CONFLICT', '申请已有更新，请刷新后再操作')
  if (CLOSING.has(status)) {
    await releaseIfHeld(repos, openApplicationOf(rec.applicantOpenid), rec.id)
    await releaseIfHeld(repos, openApplicationForId(rec.idNumberHash), rec.id)
  }
  await appendAudit(repos, deps.cipher, now, {
    actor: auditedActor(actor),
    action: `application.${name}`,
    subject: rec.id,
    detail: { from: rec.status, to: status, version: next.version, ...opts.detail },
  })
  if (moved) await notifyApplicant(deps, repos, next, now, opts.note)
  return next
}

async function releaseIfHeld(repos: Repositories, key: string, holder: string): Promise<void> {
  const claim = await repos.claims.get(key)
  if (claim?.holder === holder) await repos.claims.release(key)
}

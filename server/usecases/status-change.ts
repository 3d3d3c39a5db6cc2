import { AppError, nextStatus, transitionProblem, type Actor, type TransitionName } from '../../src/domain'
import type { ApplicationRecord, Deps, Repositories } from '../ports'
import { appendAudit } from './audit'
import { notifyApplicant } from './notify'
import { openApplicationForId, openApplicationOf } from './submit-application'

export interface StatusChangeOptions {
  /** The version the decision was made on: a stale one is a CONFLICT. */
  expectedVersion: number
  /** Shown to the applicant in the timeline and the message, e.g. why it was returned. */
  note?: string
  /** Recorded in the audit event; no sensitive values. */
  detail?: Record<string, unknown>
}

/** Statuses after which the worker may apply again: their open-application claims are released. */
const CLOSING = new Set(['withdrawn', 'rejected'])

/**
 * Takes transition `name` on `rec` inside the caller's transaction: checks the rule and the
 * version, writes the new status with its timeline entry, the audit event, the in-app message and
 * the outbox entry. Jurisdiction is the caller's check. Returns the record as written.
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
  const next: ApplicationRecord = {
    ...rec,
    status,
    version: rec.version + 1,
    updatedAt: at,
    timeline: [...rec.timeline, opts.note ? { at, status, note: opts.note } : { at, status }],
  }
  if (!(await repos.applications.update(next, rec.version))) throw new AppError('CONFLICT', '申请已有更新，请刷新后再操作')
  if (CLOSING.has(status)) {
    await releaseIfHeld(repos, openApplicationOf(rec.applicantOpenid), rec.id)
    await releaseIfHeld(repos, openApplicationForId(rec.idNumberHash), rec.id)
  }
  await appendAudit(repos, deps.cipher, now, {
    actor: actor.openid,
    action: `application.${name}`,
    subject: rec.id,
    detail: { from: rec.status, to: status, version: next.version, ...opts.detail },
  })
  await notifyApplicant(deps, repos, next, now, opts.note)
  return next
}

async function releaseIfHeld(repos: Repositories, key: string, holder: string): Promise<void> {
  const claim = await repos.claims.get(key)
  if (claim?.holder === holder) await repos.claims.release(key)
}

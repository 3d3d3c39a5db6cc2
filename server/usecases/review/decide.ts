import { AppError, transitionProblem, type Actor, type TransitionName } from '../../../src/domain'
import type { CaseView } from '../../../src/domain/api/review'
import type { ReviewEntry } from '../../../src/domain/review'
import type { ApplicationRecord, CallContext, Deps, Repositories } from '../../ports'
import { once } from '../shared/idempotency'
import { changeStatus, type StatusChangeOptions } from '../shared/status-change'
import { caseOf, staffName } from './access'
import { toCaseView } from './case-view'

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
/** A review entry as a decision writes it; the id, time and author are added here. */
export type EntryBody = DistributiveOmit<ReviewEntry, 'id' | 'at' | 'by' | 'byName'>

/** What one decision does to a case, planned from the case as read in the transaction. */
export interface DecisionPlan {
  transition: TransitionName
  entry?: EntryBody
  /** Shown to the worker in the timeline and the message. */
  note?: string
  /** Codes and counts for the audit event; no free text, no sensitive values. */
  detail?: Record<string, unknown>
  patch?: StatusChangeOptions['patch']
  /** Further writes in the same transaction, given the record as written (e.g. the household file). */
  after?: (repos: Repositories, next: ApplicationRecord) => Promise<void>
}

export interface DecisionInput {
  id: string
  expectedVersion: number
}

/** The review actions that decide on a case (their request ids are bound to the action and the case). */
export type DecisionAction =
  | 'startScreening'
  | 'acceptScreening'
  | 'returnToWorker'
  | 'reject'
  | 'recordVisit'
  | 'recordFinanceCheck'
  | 'startNotice'
  | 'recordObjection'
  | 'approveAndFile'

/**
 * Runs one decision on a case in one transaction: the jurisdiction, the version the decision was
 * made on, the transition's rule, then the plan's own checks; the status, the review entry, the
 * audit event, the worker's message and the outbox entry all land together or not at all. A
 * retried request (same requestId, action and case) does not decide twice; the same requestId on
 * another case or action is CONFLICT. Returns the case as it is now.
 */
export async function decide(
  deps: Deps,
  actor: Actor,
  input: DecisionInput,
  ctx: CallContext,
  action: DecisionAction,
  plan: (rec: ApplicationRecord, repos: Repositories, now: Date) => Promise<DecisionPlan> | DecisionPlan,
): Promise<CaseView> {
  const now = deps.clock.now()
  const scope = { actor: actor.openid, action: `review.${action}`, target: input.id, requestId: ctx.requestId }
  await deps.store.transaction((repos) =>
    once(repos, scope, now, async () => {
      const { rec } = await caseOf(repos, actor, input.id)
      if (rec.version !== input.expectedVersion) throw new AppError('CONFLICT', '案件已被他人处理，请刷新后再操作')
      const p = await plan(rec, repos, now)
      const problem = transitionProblem(p.transition, rec.status, { roles: actor.roles, isOwner: false })
      if (problem) throw new AppError(problem.code, problem.message)
      const at = now.toISOString()
      const entry = p.entry ? ({ ...p.entry, id: deps.ids.newId(), at, by: actor.openid, byName: await staffName(repos, actor) } as ReviewEntry) : null
      const next = await changeStatus(deps, repos, actor, rec, p.transition, {
        expectedVersion: input.expectedVersion,
        note: p.note,
        detail: { ...(entry ? { entry: entry.kind, entryId: entry.id } : {}), ...p.detail },
        patch: { ...p.patch, ...(entry ? { review: [...(p.patch?.review ?? rec.review ?? []), entry] } : {}) },
      })
      await p.after?.(repos, next)
      return { id: next.id, version: next.version }
    }),
  )
  return getCase(deps, actor, { id: input.id })
}

/** The case page: NOT_FOUND outside the jurisdiction. */
export async function getCase(deps: Deps, actor: Actor, input: { id: string }): Promise<CaseView> {
  const repos = deps.store.repos
  const { rec, unit } = await caseOf(repos, actor, input.id)
  return toCaseView(deps, repos, actor, rec, unit)
}

import type { ActionInput } from '@/domain/api'
import type { CaseAction } from '@/domain/api/review'
import type { QueueStage } from '@/domain/review'
import { call } from './client'

/*
 * The union's side of a case (the `review` function). Imported from the review subpackage only,
 * so none of it weighs on the main package.
 */

/** One page of a stage's cases in the caller's jurisdiction, overdue first, with every stage's counts. */
export function queue(stage: QueueStage, page = 1, pageSize = 20, search?: string) {
  const text = search?.trim()
  return call('review', 'queue', text ? { stage, page, pageSize, search: text } : { stage, page, pageSize })
}

/** The case page: the form (masked), the review so far, and what the caller may do now. */
export function getCase(id: string) {
  return call('review', 'getCase', { id })
}

/** What a decision sends: the case, the version it was made on and the action's own fields. */
export type DecisionInput<A extends CaseAction> = ActionInput<'review', A>

/**
 * Takes a decision on a case; `requestId` (from `newRequestId()`) makes a retried tap return the
 * first reply instead of deciding twice. The reply is the case as it is afterwards.
 */
export function decide<A extends CaseAction>(action: A, input: DecisionInput<A>, requestId: string) {
  return call('review', action, input, { requestId })
}

/** One sensitive value in full (`applicant.idNumber`, `members.0.idNumber` ...); the server audits it. */
export function reveal(id: string, field: string) {
  return call('review', 'reveal', { id, field })
}

/** A supporting document or a visit photo, base64, for viewing. */
export function viewDocument(id: string, documentId: string) {
  return call('review', 'viewDocument', { id, documentId })
}

/** 公示: the cases under public notice, masked. */
export function notices(page = 1, pageSize = 20) {
  return call('review', 'notices', { page, pageSize })
}

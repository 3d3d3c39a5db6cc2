import { hasRole, transitionProblem, type Actor } from '../../../src/domain'
import { CASE_ACTIONS, type CaseAction, type CaseView, type DuplicateFlagView } from '../../../src/domain/api/review'
import { latestEntry, noticeState, filingFigures, financeCheckedSinceVisit, type ReviewEntry } from '../../../src/domain/review'
import { assessHardship, thresholdsOf, type HardshipAssessment } from '../../../src/domain/self-check'
import type { ApplicationRecord, Deps, OrgUnitRecord, PolicyRecord, Repositories } from '../../ports'
import { policyFor } from '../shared/policy'
import { callTaskId } from '../shared/call-tasks'
import { currentForm } from '../shared/sealed-form'
import { toApplicationView, toDocumentView } from '../shared/application-view'
import { caseTurn, resubmissionChanges } from './case-turn'

/** Which transition each action takes from which status (reject depends on the stage). */
export function transitionOf(action: CaseAction, status: ApplicationRecord['status']) {
  if (action === 'reject') return status === 'submitted' || status === 'screening' || status === 'visiting' ? 'rejectAtScreening' : 'rejectAtReview'
  return action
}

/** The actions this person may take on the case now: the status rules, plus each stage's own preconditions. */
export function allowedActions(actor: Actor, rec: ApplicationRecord, now: Date): CaseAction[] {
  const entries = rec.review ?? []
  return CASE_ACTIONS.filter((action) => {
    if (transitionProblem(transitionOf(action, rec.status), rec.status, { roles: actor.roles, isOwner: false })) return false
    if (action === 'startNotice') return financeCheckedSinceVisit(entries)
    if (action === 'approveAndFile') return noticeState(entries, now).ended
    if (action === 'recordObjection') return noticeState(entries, now).running
    return true
  })
}

/** The category from the verified (or the worker's) figures against the policy; null without a form. */
export function proposedCategory(deps: Deps, rec: ApplicationRecord, policy: PolicyRecord | null): HardshipAssessment | null {
  const form = currentForm(rec, deps.cipher)
  if (!form || !policy) return null
  return assessHardship(filingFigures(form.finances, latestEntry(rec.review ?? [], 'finance')), thresholdsOf(policy))
}

async function duplicateViews(repos: Repositories, rec: ApplicationRecord): Promise<DuplicateFlagView[]> {
  const out: DuplicateFlagView[] = []
  for (const flag of rec.duplicateFlags ?? []) {
    const other = await repos.applications.get(flag.otherApplicationId)
    if (other) out.push({ ...flag, otherNumber: other.number, otherStatus: other.status })
  }
  return out
}

async function openTask(repos: Repositories, id: string): Promise<CaseView['callTask']> {
  const task = await repos.callTasks.get(callTaskId(id))
  return task?.status === 'open' ? { reasons: task.reasons, openedAt: task.openedAt, attempts: task.attempts } : null
}

const withoutActor = ({ by: _by, ...entry }: ReviewEntry) => entry

/** The case page's view: masked values, the review so far and what this person may do now. */
export async function toCaseView(deps: Deps, repos: Repositories, actor: Actor, rec: ApplicationRecord, unit: OrgUnitRecord): Promise<CaseView> {
  const now = deps.clock.now()
  const policy = (await policyFor(repos, unit))?.policy ?? null
  const enteredAt = rec.stageEnteredAt ?? rec.timeline[rec.timeline.length - 1]?.at ?? rec.updatedAt
  const dueAt = rec.dueAt ?? null
  const entries = rec.review ?? []
  const actions = allowedActions(actor, rec, now)
  return {
    application: toApplicationView(rec, deps.cipher, unit.name),
    unitName: unit.name,
    enteredAt,
    dueAt,
    overdue: dueAt !== null && dueAt < now.toISOString(),
    duplicateFlags: await duplicateViews(repos, rec),
    review: entries.map(withoutActor),
    visitPhotos: (rec.visitPhotos ?? []).map(toDocumentView),
    notice: noticeState(entries, now),
    proposed: proposedCategory(deps, rec, policy),
    publicityDays: policy?.publicityDays ?? DEFAULT_PUBLICITY_DAYS,
    actions,
    mayReveal: hasRole(actor, 'caseworker') || hasRole(actor, 'reviewer'),
    householdId: rec.householdId ?? null,
    callTask: await openTask(repos, rec.id),
    turn: await caseTurn(repos, actor, rec, unit, now, actions.length > 0),
    changes: resubmissionChanges(deps, rec),
  }
}

/** The notice period when no policy on the unit's path sets one (issue 5: default 5 days). */
export const DEFAULT_PUBLICITY_DAYS = 5

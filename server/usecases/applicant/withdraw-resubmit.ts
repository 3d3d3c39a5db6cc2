import { AppError, transitionProblem, type Actor } from '../../../src/domain'
import type { SubmitResult } from '../../../src/domain/api/applicant'
import type { ApplicationStatus } from '../../../src/domain/application-status'
import { formFieldName } from '../../../src/domain/form-labels'
import type { ReviewEntry } from '../../../src/domain/review'
import type { ApplicationRecord, CallContext, Deps } from '../../ports'
import { auditedActor } from '../shared/actor'
import { appendAudit } from '../shared/audit'
import { openApplicationOf } from '../shared/claim-keys'
import { once } from '../shared/idempotency'
import { getOwnApplication } from './read-my-applications'
import { changeStatus } from '../shared/status-change'
import { submittedForm, type SubmitInput } from './submit-application'
import { removeFiles } from '../shared/files'
import { without } from './open-application'
import { changedFields, currentForm } from '../shared/sealed-form'
import { RATE_RULES, takeRate } from '../shared/rate-limit'

const STALE = '申请已有更新，请刷新后再操作'

/**
 * The worker withdraws their own application before a decision. A draft is simply discarded
 * (its values and files are dropped, no message is sent); anything later goes through the status
 * change, which tells the worker and frees their claims.
 */
export async function withdrawApplication(
  deps: Deps,
  actor: Actor,
  input: { id: string; expectedVersion: number },
): Promise<{ id: string; status: ApplicationStatus; version: number }> {
  const dropped: string[] = []
  const result = await deps.store.transaction(async (repos) => {
    const rec = await getOwnApplication(repos, actor, input.id)
    if (rec.status !== 'draft') {
      const next = await changeStatus(deps, repos, actor, rec, 'withdraw', { expectedVersion: input.expectedVersion })
      return { id: next.id, status: next.status, version: next.version }
    }
    const problem = transitionProblem('withdraw', rec.status, { roles: actor.roles, isOwner: true })
    if (problem) throw new AppError(problem.code, problem.message)
    if (rec.version !== input.expectedVersion) throw new AppError('CONFLICT', STALE)
    const at = deps.clock.now().toISOString()
    const next: ApplicationRecord = {
      ...without(rec, 'draft', 'documents', 'consent'),
      status: 'withdrawn',
      version: rec.version + 1,
      updatedAt: at,
      timeline: [...rec.timeline, { at, status: 'withdrawn', note: '草稿已删除' }],
    }
    if (!(await repos.applications.update(next, rec.version))) throw new AppError('CONFLICT', STALE)
    const claim = await repos.claims.get(openApplicationOf(actor.openid))
    if (claim?.holder === rec.id) await repos.claims.release(openApplicationOf(actor.openid))
    await appendAudit(repos, deps.cipher, deps.clock.now(), { actor: auditedActor(actor), action: 'application.draft.discard', subject: rec.id })
    dropped.push(...(rec.documents ?? []).map((d) => d.storageKey))
    return { id: rec.id, status: next.status, version: next.version }
  })
  await removeFiles(deps, dropped)
  return result
}

/** The changed fields in words, for the timeline: `已修改：身份证号、家庭年收入`. */
function changeNote(fields: string[]): string {
  if (!fields.length) return '未修改内容，重新提交'
  const labels = [...new Set(fields.map((f) => formFieldName(f, '')))]
  return `已修改：${labels.slice(0, 6).join('、')}${labels.length > 6 ? `等${labels.length}项` : ''}`
}

/**
 * The worker resubmits a returned application with the fields fixed. The new version is appended
 * to the submissions, so the history keeps both; the timeline says what changed.
 */
export async function resubmitApplication(
  deps: Deps,
  actor: Actor,
  input: SubmitInput & { id: string; expectedVersion: number },
  ctx: CallContext,
): Promise<SubmitResult> {
  await takeRate(deps, actor.openid, RATE_RULES.submit)
  const now = deps.clock.now()
  const scope = { actor: actor.openid, action: 'applicant.resubmit', target: input.id, requestId: ctx.requestId }
  return deps.store.transaction((repos) =>
    once(repos, scope, now, async () => {
      const rec = await getOwnApplication(repos, actor, input.id)
      const problem = transitionProblem('resubmit', rec.status, { roles: actor.roles, isOwner: true })
      if (problem) throw new AppError(problem.code, problem.message)
      if (rec.version !== input.expectedVersion) throw new AppError('CONFLICT', STALE)
      const before = currentForm(rec, deps.cipher)
      const changed = before ? changedFields(before, input.form) : []
      const { rec: prepared, policy } = await submittedForm(deps, repos, rec, input, now)
      const submissions = prepared.submissions!
      submissions[submissions.length - 1] = { ...submissions[submissions.length - 1], changedFields: changed }
      // 办理记录 shows the resubmission with what changed, like every review decision.
      const entry: ReviewEntry = {
        kind: 'resubmitted',
        changedFields: changed,
        submission: submissions.length - 1,
        id: deps.ids.newId(),
        at: now.toISOString(),
        by: actor.openid,
        byName: `申请人 ${rec.name}`,
      }
      const next = await changeStatus(deps, repos, actor, { ...prepared, submissions }, 'resubmit', {
        expectedVersion: input.expectedVersion,
        note: changeNote(changed),
        detail: { changedFields: changed },
        patch: { review: [...(rec.review ?? []), entry] },
        policy,
      })
      return { id: next.id, number: next.number, status: next.status, version: next.version }
    }),
  )
}

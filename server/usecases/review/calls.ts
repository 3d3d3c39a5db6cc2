import { AppError, maskName, type Actor } from '../../../src/domain'
import { typedByText, type CallOutcome } from '../../../src/domain/assisted'
import type { CallTaskView, CaseView } from '../../../src/domain/api/review'
import type { Page } from '../../../src/domain/api/applicant'
import type { ApplicationRecord, CallContext, Deps } from '../../ports'
import { appendAudit } from '../shared/audit'
import { callTaskId, openCallTask } from '../shared/call-tasks'
import { once } from '../shared/idempotency'
import { caseOf, jurisdictionOf, requireReviewer, staffName } from './access'
import { getCase } from './decide'

/** Returned cases the timer looks at per run. */
const OVERDUE_BATCH = 100

/**
 * The timer: every returned case whose deadline for resubmission (the policy's days for
 * `returned`) has passed goes into the 电话联系 list, once per return.
 */
export async function openOverdueCalls(deps: Deps): Promise<number> {
  const now = deps.clock.now()
  let opened = 0
  for (const found of await deps.store.repos.applications.returnedOverdue(now.toISOString(), OVERDUE_BATCH)) {
    const added = await deps.store.transaction(async (repos) => {
      const rec = await repos.applications.get(found.id)
      if (!rec || rec.status !== 'returned') return false
      return openCallTask(repos, rec, 'returned-overdue', `returned-overdue:${rec.stageEnteredAt ?? rec.updatedAt}`, now.toISOString())
    })
    if (added) opened++
  }
  return opened
}

function toTaskView(rec: ApplicationRecord, unitName: string, task: { reasons: CallTaskView['reasons']; openedAt: string; attempts: number }): CallTaskView {
  return {
    applicationId: rec.id,
    number: rec.number,
    nameMasked: maskName(rec.name),
    unitName,
    status: rec.status,
    reasons: task.reasons,
    openedAt: task.openedAt,
    attempts: task.attempts,
    ...(rec.typedBy ? { typedBy: typedByText(rec.typedBy) } : {}),
  }
}

/** 电话联系: the open call tasks of the caller's jurisdiction, oldest first. */
export async function listCallTasks(deps: Deps, actor: Actor, input: { page: number; pageSize: number }): Promise<Page<CallTaskView>> {
  requireReviewer(actor)
  const repos = deps.store.repos
  const units = await jurisdictionOf(repos, actor)
  const names = new Map(units.map((u) => [u.id, u.name]))
  const { items, total } = await repos.callTasks.listOpen([...names.keys()], { offset: (input.page - 1) * input.pageSize, limit: input.pageSize })
  const views: CallTaskView[] = []
  for (const task of items) {
    const rec = await repos.applications.get(task.applicationId)
    if (rec) views.push(toTaskView(rec, names.get(rec.unitId) ?? '', task))
  }
  return { items: views, total, page: input.page, pageSize: input.pageSize }
}

export interface LogCallInput {
  id: string
  outcome: CallOutcome
  note: string
}

/**
 * Records a call to the worker on the case (a review entry and an audit event, in one
 * transaction). A call that reached the worker closes the case's 电话联系 task; one that did not
 * counts as an attempt and leaves it open. A retried request (same request id) logs it once.
 */
export async function logCall(deps: Deps, actor: Actor, input: LogCallInput, ctx: CallContext): Promise<CaseView> {
  const now = deps.clock.now()
  const at = now.toISOString()
  const scope = { actor: actor.openid, action: 'review.logCall', target: input.id, requestId: ctx.requestId }
  await deps.store.transaction((repos) =>
    once(repos, scope, now, async () => {
      const { rec } = await caseOf(repos, actor, input.id)
      const entry = { kind: 'call' as const, outcome: input.outcome, note: input.note, id: deps.ids.newId(), at, by: actor.openid, byName: await staffName(repos, actor) }
      const next = { ...rec, review: [...(rec.review ?? []), entry], version: rec.version + 1, updatedAt: at }
      if (!(await repos.applications.update(next, rec.version))) throw new AppError('CONFLICT', '案件已被他人处理，请刷新后再操作')
      const task = await repos.callTasks.get(callTaskId(rec.id))
      const open = task?.status === 'open'
      if (task && open) {
        const reached = input.outcome === 'reached'
        await repos.callTasks.put({ ...task, attempts: task.attempts + 1, ...(reached ? { status: 'done', doneAt: at } : {}) })
      }
      await appendAudit(repos, deps.cipher, now, {
        actor: actor.openid,
        action: 'application.call',
        subject: rec.id,
        detail: { entryId: entry.id, outcome: input.outcome, task: open ? (input.outcome === 'reached' ? 'done' : 'open') : 'none' },
      })
      return { id: rec.id }
    }),
  )
  return getCase(deps, actor, { id: input.id })
}

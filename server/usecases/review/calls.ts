import { AppError, maskName, type Actor } from '../../../src/domain'
import { typedByText, type CallOutcome } from '../../../src/domain/assisted'
import type { CallTaskView, CaseView } from '../../../src/domain/api/review'
import type { CursorPage } from '../../../src/domain/api/applicant'
import type { ApplicationRecord, CallContext, Deps } from '../../ports'
import { appendAudit } from '../shared/audit'
import { callTaskId, openCallTask } from '../shared/call-tasks'
import { once } from '../shared/idempotency'
import { decodeCursor, encodeCursor, hasStrings } from '../shared/cursor'
import { caseOf, requireReviewer, staffName } from './access'
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

/** Where the next page of call tasks starts: after the task opened at `o` with id `i`. */
const isCallPosition = (v: unknown): v is { o: string; i: string } => hasStrings(v, ['o', 'i'])

/**
 * 电话联系: the open call tasks of the caller's jurisdiction (every unit under theirs, however
 * many), oldest first, a page at a time by cursor; the names of the page's units only.
 */
export async function listCallTasks(deps: Deps, actor: Actor, input: { cursor?: string; pageSize: number }): Promise<CursorPage<CallTaskView>> {
  requireReviewer(actor)
  const repos = deps.store.repos
  const at = decodeCursor(input.cursor, isCallPosition)
  const [tasks, total] = await Promise.all([
    repos.callTasks.openUnder(actor.unitId, at && { openedAt: at.o, id: at.i }, input.pageSize + 1),
    repos.callTasks.countOpenUnder(actor.unitId),
  ])
  const shown = tasks.slice(0, input.pageSize)
  const recs = shown.length ? await repos.applications.getMany(shown.map((t) => t.applicationId)) : []
  const units = recs.length ? await repos.units.getMany([...new Set(recs.map((r) => r.unitId))]) : []
  const byId = new Map(recs.map((r) => [r.id, r]))
  const names = new Map(units.map((u) => [u.id, u.name]))
  const items = shown.flatMap((task) => {
    const rec = byId.get(task.applicationId)
    return rec ? [toTaskView(rec, names.get(rec.unitId) ?? '', task)] : []
  })
  const last = shown[shown.length - 1]
  return { items, total, pageSize: input.pageSize, nextCursor: tasks.length > input.pageSize ? encodeCursor({ o: last.openedAt, i: last.id }) : null }
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

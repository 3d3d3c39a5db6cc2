import { isPlaceholderOpenid, type CallReason } from '../../../src/domain/assisted'
import type { ApplicationRecord, CallTaskRecord, Repositories } from '../../ports'
import { templateIdFor } from './subscriptions'

export const callTaskId = (applicationId: string) => `call:${applicationId}`

/**
 * Puts the case in the caseworker's 电话联系 list for `reason`, inside the caller's transaction.
 * One task per case: an open one gains the reason; a done one opens again. An `occasion` (the
 * event that calls for it) opens it once only, so a timer run or a retry does not reopen a task
 * the caseworker already closed for the same event.
 */
export async function openCallTask(repos: Repositories, rec: ApplicationRecord, reason: CallReason, occasion: string, at: string): Promise<boolean> {
  const id = callTaskId(rec.id)
  const task = await repos.callTasks.get(id)
  if (task?.occasions.includes(occasion)) return false
  const occasions = [...(task?.occasions ?? []), occasion].slice(-20)
  const next: CallTaskRecord =
    task?.status === 'open'
      ? { ...task, unitId: rec.unitId, reasons: [...new Set([...task.reasons, reason])], occasions }
      : { id, applicationId: rec.id, unitId: rec.unitId, status: 'open', openedAt: at, reasons: [reason], occasions, attempts: 0, doneAt: null }
  await repos.callTasks.put(next)
  return true
}

/** Whether a status message to the applicant will reach their WeChat: an account that holds an acceptance of the status template. */
export async function reachesWeChat(repos: Repositories, rec: ApplicationRecord): Promise<boolean> {
  if (isPlaceholderOpenid(rec.applicantOpenid)) return false
  const template = await templateIdFor(repos, rec.unitId, 'statusChanged')
  if (!template) return false
  return ((await repos.subscriptions.get(rec.applicantOpenid, template.templateId))?.remaining ?? 0) > 0
}

/** Decisions the worker must hear of: when no WeChat message can carry one, someone calls. */
const MUST_HEAR: ReadonlySet<string> = new Set(['returned', 'rejected', 'filed'])

/** After a status change (inside its transaction): a decision that cannot reach the worker by WeChat opens a call task. */
export async function callIfUnreachable(repos: Repositories, rec: ApplicationRecord, at: string): Promise<void> {
  if (!MUST_HEAR.has(rec.status) || (await reachesWeChat(repos, rec))) return
  await openCallTask(repos, rec, 'no-subscription', `no-subscription:${rec.version}`, at)
}

import * as cloud from 'wx-server-sdk'
import { subscribeMessageNotifier, type SubscribeMessageApi } from '../../adapters/cloudbase/subscribe-notifier'
import { deliverOutbox, type DeliveryReport } from '../../usecases/shared/deliver-outbox'
import { remindStaff } from '../../usecases/shared/staff-reminders'
import { removeStaleUploads } from '../../usecases/shared/uploads'
import { anchorAudit } from '../../usecases/shared/audit-anchor'
import { endNotices } from '../../usecases/review/notices'
import { openOverdueCalls } from '../../usecases/review/calls'
import { TIMER_TRIGGER } from '../functions.manifest'
import { getApp } from '../../adapters/cloudbase/sdk'
import { applyRetention, type KindCounts } from '../../usecases/lifecycle/retention'
import { purgeAbandonedDrafts } from '../../usecases/lifecycle/abandoned-drafts'
import { containerDeps } from '../main'
import { advanceExportJobs, sweepExportJobs } from '../../usecases/households/export-jobs'

/** Entries one run takes: sent one by one, well within the function's timeout. */
const BATCH = 50
/** Stale uploads one run deletes. */
const UPLOAD_BATCH = 50
/** Export job parts get at most this of a run, and the run as a whole stays within this (the function's timeout is 60 s). */
const EXPORT_BUDGET_MS = 40_000
const TIMER_RUN_MS = 50_000
/** Households one run folds into the dashboard's figures (each a small transaction; the rest wait for the next run). */
const FIGURE_BATCH = 200

let api: SubscribeMessageApi | null = null

/** wx-server-sdk's cloud call, initialised on first use (its own node-sdk reads the function's environment). */
function subscribeMessages(): SubscribeMessageApi {
  if (!api) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    api = { send: (request) => cloud.openapi.subscribeMessage.send(request) as Promise<unknown> }
  }
  return api
}

/**
 * Whether the call is the timer trigger: CloudBase's timer event is `{ Type: 'Timer', TriggerName }`
 * and carries no user; a call from the mini-program carries the caller's OPENID in the context.
 */
export function isTimerCall(event: unknown, openid: string | undefined): boolean {
  const e = (event ?? {}) as { Type?: unknown; TriggerName?: unknown }
  return !openid && e.Type === 'Timer' && e.TriggerName === TIMER_TRIGGER
}

export type TimerReport = DeliveryReport & { noticesEnded: number; remindersQueued: number; callsOpened: number; uploadsRemoved: number; draftsDeleted: number; draftsWarned: number; retention: KindCounts; auditAnchor: number | null; figuresFolded: number; exportJobsSwept: number; exportParts: number }

/**
 * The CloudBase entry of the `timers` function, run by its timer trigger only (any other call is
 * refused with nothing done and nothing told). Ends the public notices whose period is over,
 * queues the staff's daily reminders, opens 电话联系 tasks for returned cases past their deadline,
 * deletes uploads never registered and what the retention schedule says is due (documents,
 * abandoned drafts and each other kind of personal record, counted per kind: server/usecases/lifecycle/), then delivers due outbox entries as WeChat subscribe
 * messages, and folds the households written since into the dashboard's figures (the one writer
 * of `figure_rows`: writes only mark their household), sweeps export jobs past their time and
 * writes parts of running ones with what is left of the run. Once an hour it anchors the audit log's
 * stream heads and sends the anchor to the admins.
 */
export async function main(event?: unknown, _context?: unknown): Promise<TimerReport | { error: string }> {
  if (!isTimerCall(event, getApp().auth().getUserInfo().openId)) return { error: 'refused: timers runs on its timer trigger only' }
  const started = Date.now()
  const deps = await containerDeps()
  if (!deps) return { error: 'configuration incomplete' }
  try {
    const noticesEnded = await endNotices(deps)
    const remindersQueued = await remindStaff(deps)
    const callsOpened = await openOverdueCalls(deps)
    const uploadsRemoved = await removeStaleUploads(deps, UPLOAD_BATCH)
    const { draftsDeleted, draftsWarned } = await purgeAbandonedDrafts(deps)
    const { deleted: retention } = await applyRetention(deps)
    const anchor = await anchorAudit(deps)
    // A second copy outside the database: the function's log (Tencent Cloud's log service).
    if (anchor) console.log(`[timers] audit anchor ${anchor.n} ${anchor.hash}`)
    const auditAnchor = anchor?.n ?? null
    const delivery = await deliverOutbox(deps, subscribeMessageNotifier(subscribeMessages()), { limit: BATCH })
    const figuresFolded = await deps.store.repos.figures.foldPending(FIGURE_BATCH)
    const exportJobsSwept = await sweepExportJobs(deps)
    // Last, with what is left of the run's minute: parts of export jobs (each saved as it ends).
    const exportParts = await advanceExportJobs(deps, Math.min(EXPORT_BUDGET_MS, TIMER_RUN_MS - (Date.now() - started)))
    const report = { ...delivery, noticesEnded, remindersQueued, callsOpened, uploadsRemoved, draftsDeleted, draftsWarned, retention, auditAnchor, figuresFolded, exportJobsSwept, exportParts }
    console.log(`[timers] ${JSON.stringify(report)}`)
    return report
  } catch (err) {
    console.error(`[timers] ${err instanceof Error ? `${err.name}: ${err.message}` : 'non-error thrown'}`)
    return { error: 'delivery run failed' }
  }
}

import type { Deps, Notifier } from '../ports'
import { deliverOutbox } from '../usecases/shared/deliver-outbox'
import { endNotices } from '../usecases/review/notices'
import { remindStaff } from '../usecases/shared/staff-reminders'
import { anchorAudit } from '../usecases/shared/audit-anchor'
import { applyRetention } from '../usecases/lifecycle/retention'
import { purgeAbandonedDrafts } from '../usecases/lifecycle/abandoned-drafts'
import { openOverdueCalls } from '../usecases/review/calls'
import { removeStaleUploads } from '../usecases/shared/uploads'
import { advanceExportJobs, sweepExportJobs } from '../usecases/households/export-jobs'

/** A run every `everyMs` (the local stand-in for the `timers` function's trigger): ends due public notices, queues staff reminders, applies the retention schedule, anchors the audit log (hourly), then delivers the outbox. */
export interface OutboxRunner {
  /** Runs one delivery now (tests), after any run in progress. */
  runOnce(): Promise<void>
  /** Stops the interval and waits for a run in progress, so the store can close after it. */
  stop(): Promise<void>
}

export function startOutboxRunner(deps: Deps, notifier: Notifier, everyMs = 60_000, limit = 50): OutboxRunner {
  let running: Promise<void> = Promise.resolve()
  let busy = false
  const run = () => {
    running = running.then(async () => {
      try {
        await endNotices(deps)
        await remindStaff(deps)
        // Exports whose link is over (a full one is deleted at once when served: file-link-route.ts).
        await removeStaleUploads(deps, limit)
        await purgeAbandonedDrafts(deps)
        const { deleted } = await applyRetention(deps, limit)
        const counts = Object.entries(deleted).filter(([, n]) => n)
        // Kinds and counts only, as the timers function logs them.
        if (counts.length) console.log(`[retention] ${counts.map(([k, n]) => `${k}=${n}`).join(' ')}`)
        await anchorAudit(deps)
        await openOverdueCalls(deps)
        await deliverOutbox(deps, notifier, { limit })
        await deps.store.repos.figures.foldPending(limit)
        await sweepExportJobs(deps, limit)
        await advanceExportJobs(deps)
      } catch (err) {
        console.error(`[outbox] ${err instanceof Error ? `${err.name}: ${err.message}` : 'non-error thrown'}`)
      }
    })
    return running
  }
  const timer = setInterval(() => {
    // A slow run is not stacked on: the next tick after it finishes picks up what is due.
    if (busy) return
    busy = true
    void run().finally(() => (busy = false))
  }, everyMs)
  timer.unref()
  return {
    runOnce: run,
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}

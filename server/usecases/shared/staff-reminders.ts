import { shanghaiDate } from '../../../src/domain'
import { QUEUE_STAGES } from '../../../src/domain/review'
import type { Deps } from '../../ports'
import { requireReviewer } from '../review/access'
import { resolveActor } from './actor'
import { pendingEntry } from './notify'

/** The reminder goes out on the first timer run at or after this hour, Asia/Shanghai. */
export const REMINDER_HOUR = 9
/** Staff reminded in one run at most (each one a few queries). */
const MAX_REMINDED = 200

const shanghaiHour = (at: Date) => (at.getUTCHours() + 8) % 24

/**
 * 接收提醒: once a day, each staff member holding an acceptance of the reminder template is told
 * how many cases wait in their jurisdiction's queue (none waiting, no message). Runs once a day
 * by a claim on the date; the entry's key holds the date, so it is written once per person.
 */
export async function remindStaff(deps: Deps): Promise<number> {
  const now = deps.clock.now()
  const repos = deps.store.repos
  const today = shanghaiDate(now)
  if (shanghaiHour(now) < REMINDER_HOUR) return 0
  if (!(await repos.claims.create(`staff-reminders:${today}`, 'timers'))) return 0
  let enqueued = 0
  for (const holder of await repos.subscriptions.holders('casesWaiting', MAX_REMINDED)) {
    const actor = await resolveActor(repos, holder.openid)
    try {
      requireReviewer(actor)
    } catch {
      continue
    }
    let total = 0
    let overdue = 0
    const all = await repos.applications.stageCountsUnder(actor.unitId, now.toISOString())
    for (const stage of QUEUE_STAGES) {
      const counts = all[stage]
      total += counts.total
      overdue += counts.overdue
    }
    if (!total) continue
    const iso = now.toISOString()
    const body = overdue ? `${total}件申请待处理，其中${overdue}件已超期` : `${total}件申请待处理`
    const payload = { unitId: actor.unitId, title: '审核待办提醒', body, count: String(total), overdue: String(overdue) }
    const added = await repos.outbox.enqueue(pendingEntry(`reminder:${holder.openid}:${today}`, 'cases-waiting', holder.openid, payload, iso))
    if (added) enqueued++
  }
  return enqueued
}

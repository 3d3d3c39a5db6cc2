import { maskName, type Actor } from '../../../src/domain'
import type { QueueItem, QueueResult } from '../../../src/domain/api/review'
import { QUEUE_STAGES, type QueueStage } from '../../../src/domain/review'
import type { ApplicationRecord, Deps } from '../../ports'
import { jurisdictionOf, requireReviewer } from './access'

/** The most results a search shows (it names one case or one person's few). */
const MAX_SEARCH_RESULTS = 50
const APPLICATION_NUMBER = /^[A-Za-z]{2,8}-\d{4}-\d{1,8}$/

export function toQueueItem(rec: ApplicationRecord, unitName: string, now: string): QueueItem {
  const dueAt = rec.dueAt ?? null
  return {
    id: rec.id,
    number: rec.number,
    nameMasked: maskName(rec.name),
    unitName,
    status: rec.status,
    mainCause: rec.mainCause,
    enteredAt: rec.stageEnteredAt ?? rec.timeline[rec.timeline.length - 1]?.at ?? rec.updatedAt,
    dueAt,
    overdue: dueAt !== null && dueAt < now,
    duplicateFlags: rec.duplicateFlags?.length ?? 0,
  }
}

/**
 * The caseworker's queue: one stage's cases of the jurisdiction, earliest deadline first (so the
 * overdue ones lead), with every stage's counts. A search by application number or full name
 * looks across all stages instead.
 */
export async function reviewQueue(
  deps: Deps,
  actor: Actor,
  input: { stage: QueueStage; search?: string; page: number; pageSize: number },
): Promise<QueueResult> {
  requireReviewer(actor)
  const repos = deps.store.repos
  const units = await jurisdictionOf(repos, actor)
  const names = new Map(units.map((u) => [u.id, u.name]))
  const ids = [...names.keys()]
  const now = deps.clock.now().toISOString()
  const counts = Object.fromEntries(
    await Promise.all(QUEUE_STAGES.map(async (s) => [s, await repos.applications.countStage(ids, s, now)] as const)),
  ) as QueueResult['counts']
  const toItem = (r: ApplicationRecord) => toQueueItem(r, names.get(r.unitId) ?? '', now)
  const search = input.search?.trim()
  if (search) {
    const found = APPLICATION_NUMBER.test(search)
      ? [await repos.applications.byNumber(search.toUpperCase())].filter((r): r is ApplicationRecord => r !== null && names.has(r.unitId))
      : await repos.applications.byName(ids, search, MAX_SEARCH_RESULTS)
    const visible = found.filter((r) => r.status !== 'draft')
    const start = (input.page - 1) * input.pageSize
    return { items: visible.slice(start, start + input.pageSize).map(toItem), total: visible.length, page: input.page, pageSize: input.pageSize, counts }
  }
  const { items, total } = await repos.applications.queue({ unitIds: ids, status: input.stage, offset: (input.page - 1) * input.pageSize, limit: input.pageSize })
  return { items: items.map(toItem), total, page: input.page, pageSize: input.pageSize, counts }
}

import { maskName, type Actor } from '../../../src/domain'
import type { QueueItem, QueueResult } from '../../../src/domain/api/review'
import type { QueueStage } from '../../../src/domain/review'
import type { ApplicationRecord, Deps, Repositories } from '../../ports'
import { decodeCursor, encodeCursor, hasStrings } from '../shared/cursor'
import { inJurisdiction } from '../shared/jurisdiction'
import { requireReviewer } from './access'

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

/** Where the next page of a stage starts (a cursor names its stage), or of a search's few results. */
type QueuePosition = { s: QueueStage; d: string | null; i: string } | { s: QueueStage; q: string; o: number }

const positionFor = (stage: QueueStage, search: string) => (v: unknown): v is QueuePosition => {
  if (typeof v !== 'object' || v === null || (v as { s?: unknown }).s !== stage) return false
  const p = v as Record<string, unknown>
  return search
    ? p.q === search && Number.isInteger(p.o) && (p.o as number) > 0 && (p.o as number) <= MAX_SEARCH_RESULTS
    : hasStrings(p, ['i'], []) && (typeof p.d === 'string' || p.d === null)
}

/** The names of the units of a page's cases (a few reads by id, however large the jurisdiction). */
async function unitNames(repos: Repositories, recs: readonly ApplicationRecord[]): Promise<Map<string, string>> {
  if (recs.length === 0) return new Map()
  return new Map((await repos.units.getMany([...new Set(recs.map((r) => r.unitId))])).map((u) => [u.id, u.name]))
}

/**
 * The caseworker's queue: one stage's cases of the jurisdiction (every unit under the actor's,
 * however many), earliest deadline first (so the overdue ones lead), a page at a time by cursor,
 * with every stage's counts from counters. Each page is a read in index order, as cheap deep as
 * first. A search by application number or full name looks across all stages instead.
 */
export async function reviewQueue(
  deps: Deps,
  actor: Actor,
  input: { stage: QueueStage; search?: string; cursor?: string; pageSize: number },
): Promise<QueueResult> {
  requireReviewer(actor)
  const repos = deps.store.repos
  const under = actor.unitId
  const now = deps.clock.now().toISOString()
  const search = input.search?.trim() ?? ''
  const at = decodeCursor(input.cursor, positionFor(input.stage, search))
  const counting = repos.applications.stageCountsUnder(under, now)
  const page = async (recs: ApplicationRecord[], total: number, next: QueuePosition | null): Promise<QueueResult> => {
    const [counts, names] = await Promise.all([counting, unitNames(repos, recs)])
    return {
      items: recs.map((r) => toQueueItem(r, names.get(r.unitId) ?? '', now)),
      total,
      pageSize: input.pageSize,
      nextCursor: next && encodeCursor(next),
      counts,
    }
  }
  if (search) {
    const byNumber = async () => {
      const rec = await repos.applications.byNumber(search.toUpperCase())
      return rec && (await inJurisdiction(repos, actor, rec.unitId)) ? [rec] : []
    }
    const found = APPLICATION_NUMBER.test(search) ? await byNumber() : await repos.applications.byName(under, search, MAX_SEARCH_RESULTS)
    const visible = found.filter((r) => r.status !== 'draft')
    const start = at && 'o' in at ? at.o : 0
    const end = start + input.pageSize
    return page(visible.slice(start, end), visible.length, end < visible.length ? { s: input.stage, q: search, o: end } : null)
  }
  const after = at && 'i' in at ? { dueAt: at.d, id: at.i } : null
  const recs = await repos.applications.queuePage({ under, status: input.stage, after, limit: input.pageSize + 1 })
  const shown = recs.slice(0, input.pageSize)
  const last = shown[shown.length - 1]
  const total = (await counting)[input.stage].total
  return page(shown, total, recs.length > input.pageSize ? { s: input.stage, d: last.dueAt ?? null, i: last.id } : null)
}

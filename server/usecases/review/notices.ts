import { AppError, maskName, type Actor } from '../../../src/domain'
import type { CursorPage } from '../../../src/domain/api/applicant'
import type { NoticeItem } from '../../../src/domain/api/review'
import { latestEntry, noticeState } from '../../../src/domain/review'
import type { Deps } from '../../ports'
import { appendAudit } from '../shared/audit'
import { decodeCursor, encodeCursor, hasStrings } from '../shared/cursor'

/** Where the next page of notices starts: after the notice ending at `e` of case `i`. */
const isNoticePosition = (v: unknown): v is { e: string; i: string } => hasStrings(v, ['e', 'i'])

/**
 * 公示: the cases whose public notice runs now in a unit's subtree (default: the whole tree, however
 * many units), for anyone, the earliest to end first, a page at a time by cursor. It shows only
 * what a notice board shows: the masked name, the unit and the category.
 */
export async function listNotices(deps: Deps, _actor: Actor, input: { unitId?: string; cursor?: string; pageSize: number }): Promise<CursorPage<NoticeItem>> {
  const repos = deps.store.repos
  const under = input.unitId ?? deps.settings.defaultUnitId
  if (!(await repos.units.get(under))) throw new AppError('NOT_FOUND', '没有找到这个工会', 'unitId')
  const at = decodeCursor(input.cursor, isNoticePosition)
  const now = deps.clock.now()
  const [recs, total] = await Promise.all([
    repos.applications.noticesUnder(under, now.toISOString(), at && { endsAt: at.e, id: at.i }, input.pageSize + 1),
    repos.applications.countNoticesUnder(under, now.toISOString()),
  ])
  const shown = recs.slice(0, input.pageSize)
  const names = new Map(shown.length ? (await repos.units.getMany([...new Set(shown.map((r) => r.unitId))])).map((u) => [u.id, u.name]) : [])
  const last = shown[shown.length - 1]
  return {
    items: shown.flatMap((rec) => {
      const started = latestEntry(rec.review ?? [], 'notice-started')
      if (!started || !noticeState(rec.review ?? [], now).running) return []
      return [{ number: rec.number, nameMasked: maskName(rec.name), unitName: names.get(rec.unitId) ?? '', category: started.category, startedAt: started.at, endsAt: started.endsAt }]
    }),
    total,
    pageSize: input.pageSize,
    nextCursor: recs.length > input.pageSize ? encodeCursor({ e: last.noticeEndsAt ?? '', i: last.id }) : null,
  }
}

/**
 * The timer: ends every notice whose period is over without objection, each in its own
 * transaction (the case is then ready for approval). Returns how many it ended.
 */
export async function endNotices(deps: Deps, limit = 100): Promise<number> {
  const now = deps.clock.now()
  const due = await deps.store.repos.applications.noticesEnded(now.toISOString(), limit)
  let ended = 0
  for (const { id } of due) {
    const done = await deps.store.transaction(async (repos) => {
      const rec = await repos.applications.get(id)
      if (!rec || rec.status !== 'publicizing') return false
      const state = noticeState(rec.review ?? [], now)
      if (!state.ended || state.endRecorded) return false
      const at = state.endsAt!
      const next = {
        ...rec,
        version: rec.version + 1,
        updatedAt: now.toISOString(),
        noticeEndsAt: null,
        review: [...(rec.review ?? []), { kind: 'notice-ended' as const, id: deps.ids.newId(), at, by: 'system', byName: '系统' }],
        timeline: [...rec.timeline, { at, status: rec.status, note: '公示期满，无异议，等待审批建档' }],
      }
      if (!(await repos.applications.update(next, rec.version))) return false
      await appendAudit(repos, deps.cipher, now, { actor: 'system', action: 'application.noticeEnded', subject: rec.id, detail: { endsAt: at, version: next.version } })
      return true
    })
    if (done) ended++
  }
  return ended
}

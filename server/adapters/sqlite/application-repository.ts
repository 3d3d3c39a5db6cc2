import { APPLICATION_STATUSES, type ApplicationStatus } from '../../../src/domain/application-status'
import { QUEUE_STAGES, type QueueStage } from '../../../src/domain/review'
import type { ApplicationRecord, ApplicationRepository } from '../../ports'
import type { Db } from './connection'
import { applicationKeyVersion } from '../keys/key-versions'
import { TALLY_LENGTHS, unitListCount, unitListPage } from './migration-unit-lists'
import { LIST_SORTED_BY_SQL, tallyParams } from './migration-list-tallies'
import { SCHEDULED_STATUSES } from './migration-submit-indexes'
import { STATUS_COUNTS_SQL } from './migration-status-counts'
import { guardedRows, readAll, readByIds, readOne, readPage, UNDER_UNIT, underOldKey } from './documents'

/** Cases without a deadline sort after every dated one. */
export const NO_DEADLINE = '9999-12-31T23:59:59.999Z'
const dueSort = (rec: ApplicationRecord) => rec.dueAt ?? NO_DEADLINE

/** The columns the queue, the lists and the searches filter and sort by. */
const COLUMNS: Record<string, (rec: ApplicationRecord) => unknown> = {
  number: (r) => r.number,
  applicant_openid: (r) => r.applicantOpenid,
  unit_id: (r) => r.unitId,
  status: (r) => r.status,
  version: (r) => r.version,
  created_at: (r) => r.createdAt,
  updated_at: (r) => r.updatedAt,
  name: (r) => r.name,
  due_sort: dueSort,
  notice_ends_at: (r) => r.noticeEndsAt ?? null,
  key_version: applicationKeyVersion,
  typist_openid: (r) => r.typedBy?.openid ?? null,
}

const STAGES_IN = `status IN (${QUEUE_STAGES.map((s) => `'${s}'`).join(', ')})`

/**
 * The tallies summed for the cases due before now: at each length, the buckets before now's
 * within now's bucket of the length before (the years before this one, this year's months before
 * this month, ...), then the entries due in this hour before now.
 */
function stageCountsSql(): string {
  const tallies = TALLY_LENGTHS.map((n, i) =>
    i === 0
      ? `SELECT status, 0 AS part, n FROM queue_tallies WHERE ancestor_id = @under AND ${STAGES_IN} AND len = 0 AND bucket = ''`
      : `SELECT status, 1 AS part, sum(n) AS n FROM queue_tallies WHERE ancestor_id = @under AND ${STAGES_IN} AND len = ${n} AND bucket >= @p${TALLY_LENGTHS[i - 1]} AND bucket < @p${n} GROUP BY status`,
  )
  const last = TALLY_LENGTHS[TALLY_LENGTHS.length - 1]
  const hour = `SELECT status, 1 AS part, count(*) AS n FROM queue_entries WHERE ancestor_id = @under AND ${STAGES_IN} AND due_sort >= @p${last} AND due_sort < @now GROUP BY status`
  return [...tallies, hour].join(' UNION ALL ')
}

/** The named parameters of `stageCounts`. */
export function stageCountsParams(under: string, now: string): Record<string, string> {
  return { under, now, ...Object.fromEntries(TALLY_LENGTHS.map((n) => [`p${n}`, now.slice(0, n)])) }
}

/** The statements that read a jurisdiction (migration 17's entries and counters); their plans are checked in unit-scopes-plan.test.ts. */
export const JURISDICTION_SQL = {
  queuePage: 'SELECT a.doc FROM queue_entries e JOIN applications a ON a.id = e.id WHERE e.ancestor_id = ? AND e.status = ? AND (e.due_sort, e.id) > (?, ?) ORDER BY e.due_sort, e.id LIMIT ?',
  /** Every stage's total and the cases due before now: a few tally rows per stage (migration 45), and the entries of the current hour. */
  stageCounts: stageCountsSql(),
}

/**
 * The timers' and the retention schedule's reads: each names the statuses of its index (migration
 * 55 keeps them partial, so a submitted case is in none), and their plans are checked in
 * unit-scopes-plan.test.ts.
 */
export const APPLICATION_SCANS = {
  closedBefore: `SELECT doc FROM applications WHERE status IN ('rejected', 'withdrawn') AND ${SCHEDULED_STATUSES} AND updated_at < ? AND json_extract(doc, '$.documentsPurgedAt') IS NULL ORDER BY updated_at, id LIMIT ?`,
  callNotesBefore: `SELECT doc FROM applications WHERE status IN ('filed', 'rejected', 'withdrawn') AND ${SCHEDULED_STATUSES} AND updated_at < ? AND json_extract(doc, '$.callNotesPurgedAt') IS NULL ORDER BY updated_at, id LIMIT ?`,
  staleDrafts: `SELECT doc FROM applications WHERE status = 'draft' AND ${SCHEDULED_STATUSES} AND updated_at < ? ORDER BY updated_at, id LIMIT ? OFFSET ?`,
  assistedDrafts: `SELECT doc FROM applications WHERE typist_openid = ? AND status = 'draft' ORDER BY updated_at DESC, id DESC LIMIT ?`,
  returnedOverdue: `SELECT doc FROM applications WHERE status = 'returned' AND due_sort <= ? ORDER BY due_sort, id LIMIT ?`,
  noticesEnded: `SELECT doc FROM applications WHERE status = 'publicizing' AND notice_ends_at <= ? ORDER BY notice_ends_at, id LIMIT ?`,
}

export function applicationRepository(db: Db): ApplicationRepository {
  const stageCounts = db.prepare(JURISDICTION_SQL.stageCounts)
  const noticesKept = db.prepare(unitListCount('notices')).pluck()
  const statusCounts = db.prepare(STATUS_COUNTS_SQL)
  const noticesOver = db.prepare(LIST_SORTED_BY_SQL).pluck()
  return {
    ...guardedRows<ApplicationRecord, number>(db, 'applications', COLUMNS),
    async underOldKey(version, limit) {
      return underOldKey<ApplicationRecord>(db, 'applications', version, limit)
    },
    async listByApplicant(openid, page) {
      return readPage(db, 'applications WHERE applicant_openid = ?', [openid], 'created_at DESC, id DESC', page)
    },
    async queuePage({ under, status, after, limit }) {
      // The entries' primary key serves the range and the order: no sort, however deep the page.
      return readAll(db, JURISDICTION_SQL.queuePage, under, status, after ? (after.dueAt ?? NO_DEADLINE) : '', after?.id ?? '', Math.max(0, limit))
    },
    async stageCountsUnder(under, now) {
      const out = Object.fromEntries(QUEUE_STAGES.map((s) => [s, { total: 0, overdue: 0 }])) as Record<QueueStage, { total: number; overdue: number }>
      for (const r of stageCounts.all(stageCountsParams(under, now)) as { status: QueueStage; part: number; n: number }[]) {
        if (r.status in out) out[r.status][r.part === 0 ? 'total' : 'overdue'] += r.n
      }
      return out
    },
    async noticesUnder(under, now, after, limit) {
      // Running: ending after now (a page kept since starts no earlier).
      const from = after && after.endsAt > now ? after : { endsAt: now, id: '\uffff' }
      return readAll(db, unitListPage('notices'), under, from.endsAt, from.id, Math.max(0, limit))
    },
    async countNoticesUnder(under, now) {
      // The kept count, less those whose notice ended and the timer has not yet recorded (from tallies, migration 47).
      return (noticesKept.get(under) as number) - (noticesOver.get(tallyParams('notices', under, now)) as number)
    },
    async statusCountsUnder(under) {
      const out = Object.fromEntries(APPLICATION_STATUSES.map((s) => [s, 0])) as Record<ApplicationStatus, number>
      for (const r of statusCounts.all({ under }) as { status: ApplicationStatus; n: number }[]) if (r.status in out) out[r.status] += r.n
      return out
    },
    async getMany(ids) {
      return readByIds(db, 'applications', ids)
    },
    async byNumber(number) {
      return readOne(db, 'SELECT doc FROM applications WHERE number = ?', number)
    },
    async byName(under, name, limit) {
      return readAll(db, `SELECT doc FROM applications WHERE name = ? AND ${UNDER_UNIT} ORDER BY created_at DESC, id DESC LIMIT ?`, name, under, limit)
    },
    async closedBefore(before, limit) {
      return readAll(db, APPLICATION_SCANS.closedBefore, before, limit)
    },
    async callNotesBefore(before, limit) {
      return readAll(db, APPLICATION_SCANS.callNotesBefore, before, Math.max(0, limit))
    },
    async staleDrafts(before, offset, limit) {
      return readAll(db, APPLICATION_SCANS.staleDrafts, before, Math.max(0, limit), Math.max(0, offset))
    },
    async assistedDrafts(typistOpenid, limit) {
      return readAll(db, APPLICATION_SCANS.assistedDrafts, typistOpenid, Math.max(0, limit))
    },
    async returnedOverdue(now, limit) {
      return readAll(db, APPLICATION_SCANS.returnedOverdue, now, limit)
    },
    async noticesEnded(now, limit) {
      return readAll(db, APPLICATION_SCANS.noticesEnded, now, limit)
    },
  }
}

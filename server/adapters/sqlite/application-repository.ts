import { QUEUE_STAGES, type QueueStage } from '../../../src/domain/review'
import type { ApplicationRecord, ApplicationRepository } from '../../ports'
import type { Db } from './connection'
import { applicationKeyVersion } from '../keys/key-versions'
import { guardedRows, readAll, readByIds, readOne, readPage, UNDER_UNIT, underOldKey } from './documents'

/** Cases without a deadline sort after every dated one. */
export const NO_DEADLINE = '9999-12-31T23:59:59.999Z'
const dueSort = (rec: ApplicationRecord) => rec.dueAt ?? NO_DEADLINE
const IN_UNITS = 'unit_id IN (SELECT value FROM json_each(?))'

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

/** The statements that read a jurisdiction (migration 17's entries and counters); their plans are checked in unit-scopes-plan.test.ts. */
export const JURISDICTION_SQL = {
  queuePage: 'SELECT a.doc FROM queue_entries e JOIN applications a ON a.id = e.id WHERE e.ancestor_id = ? AND e.status = ? AND (e.due_sort, e.id) > (?, ?) ORDER BY e.due_sort, e.id LIMIT ?',
  countsByDay: 'SELECT status, sum(n) AS total, coalesce(sum(CASE WHEN due_day < ? THEN n END), 0) AS overdue FROM queue_counts WHERE ancestor_id = ? GROUP BY status',
  lateToday: `SELECT status, count(*) AS late FROM queue_entries WHERE ancestor_id = ? AND status IN (${QUEUE_STAGES.map(() => '?').join(', ')}) AND due_sort >= ? AND due_sort < ? GROUP BY status`,
}

export function applicationRepository(db: Db): ApplicationRepository {
  const countsByDay = db.prepare(JURISDICTION_SQL.countsByDay)
  const lateToday = db.prepare(JURISDICTION_SQL.lateToday)
  return {
    ...guardedRows<ApplicationRecord, number>(db, 'applications', COLUMNS),
    async underOldKey(version, limit) {
      return underOldKey<ApplicationRecord>(db, 'applications', version, limit)
    },
    async listByApplicant(openid, page) {
      return readPage(db, 'applications WHERE applicant_openid = ?', [openid], 'created_at DESC, id DESC', page)
    },
    async queue({ unitIds, status, offset, limit }) {
      return readPage(db, `applications WHERE status = ? AND ${IN_UNITS}`, [status, JSON.stringify(unitIds)], 'due_sort, id', { offset, limit })
    },
    async queuePage({ under, status, after, limit }) {
      // The entries' primary key serves the range and the order: no sort, however deep the page.
      return readAll(db, JURISDICTION_SQL.queuePage, under, status, after ? (after.dueAt ?? NO_DEADLINE) : '', after?.id ?? '', Math.max(0, limit))
    },
    async stageCountsUnder(under, now) {
      // Whole days before today from the counters; today's cases due before now from the entries.
      const today = now.slice(0, 10)
      const out = Object.fromEntries(QUEUE_STAGES.map((s) => [s, { total: 0, overdue: 0 }])) as Record<QueueStage, { total: number; overdue: number }>
      const days = countsByDay.all(today, under) as { status: QueueStage; total: number; overdue: number }[]
      for (const d of days) if (d.status in out) out[d.status] = { total: d.total, overdue: d.overdue }
      for (const l of lateToday.all(under, ...QUEUE_STAGES, today, now) as { status: QueueStage; late: number }[]) if (l.status in out) out[l.status].overdue += l.late
      return out
    },
    async countStage(unitIds, status, now) {
      const row = db
        .prepare(`SELECT count(*) AS total, count(CASE WHEN due_sort < ? THEN 1 END) AS overdue FROM applications WHERE status = ? AND ${IN_UNITS}`)
        .get(now, status, JSON.stringify(unitIds)) as { total: number; overdue: number }
      return { total: row.total, overdue: row.overdue }
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
      return readAll(db, `SELECT doc FROM applications WHERE status IN ('rejected', 'withdrawn') AND updated_at < ? AND json_extract(doc, '$.documentsPurgedAt') IS NULL ORDER BY updated_at, id LIMIT ?`, before, limit)
    },
    async callNotesBefore(before, limit) {
      return readAll(db, `SELECT doc FROM applications WHERE status IN ('filed', 'rejected', 'withdrawn') AND updated_at < ? AND json_extract(doc, '$.callNotesPurgedAt') IS NULL ORDER BY updated_at, id LIMIT ?`, before, Math.max(0, limit))
    },
    async staleDrafts(before, offset, limit) {
      return readAll(db, `SELECT doc FROM applications WHERE status = 'draft' AND updated_at < ? ORDER BY updated_at, id LIMIT ? OFFSET ?`, before, Math.max(0, limit), Math.max(0, offset))
    },
    async assistedDrafts(typistOpenid, limit) {
      return readAll(db, `SELECT doc FROM applications WHERE typist_openid = ? AND status = 'draft' ORDER BY updated_at DESC, id DESC LIMIT ?`, typistOpenid, Math.max(0, limit))
    },
    async returnedOverdue(now, limit) {
      return readAll(db, `SELECT doc FROM applications WHERE status = 'returned' AND due_sort <= ? ORDER BY due_sort, id LIMIT ?`, now, limit)
    },
    async noticesEnded(now, limit) {
      return readAll(db, `SELECT doc FROM applications WHERE status = 'publicizing' AND notice_ends_at <= ? ORDER BY notice_ends_at, id LIMIT ?`, now, limit)
    },
  }
}

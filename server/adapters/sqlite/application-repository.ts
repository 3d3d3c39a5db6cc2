import type { ApplicationRecord, ApplicationRepository } from '../../ports'
import type { Db } from './connection'
import { applicationKeyVersion } from '../keys/key-versions'
import { guardedRows, readAll, readByIds, readOne, readPage, underOldKey } from './documents'

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

export function applicationRepository(db: Db): ApplicationRepository {
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
    async byName(unitIds, name, limit) {
      return readAll(db, `SELECT doc FROM applications WHERE name = ? AND ${IN_UNITS} ORDER BY created_at DESC, id DESC LIMIT ?`, name, JSON.stringify(unitIds), limit)
    },
    async closedBefore(before, limit) {
      return readAll(db, `SELECT doc FROM applications WHERE status IN ('rejected', 'withdrawn') AND updated_at < ? AND json_extract(doc, '$.documentsPurgedAt') IS NULL ORDER BY updated_at, id LIMIT ?`, before, limit)
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

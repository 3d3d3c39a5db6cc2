import type { ApplicationRecord, ApplicationRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readAll, readOne, readPage } from './documents'

/** Cases without a deadline sort after every dated one. */
export const NO_DEADLINE = '9999-12-31T23:59:59.999Z'
const dueSort = (rec: ApplicationRecord) => rec.dueAt ?? NO_DEADLINE
const IN_UNITS = 'unit_id IN (SELECT value FROM json_each(?))'

export function applicationRepository(db: Db): ApplicationRepository {
  return {
    async insert(rec) {
      db.prepare(
        `INSERT INTO applications (id, number, applicant_openid, unit_id, status, version, created_at, updated_at, name, due_sort, notice_ends_at, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(rec.id, rec.number, rec.applicantOpenid, rec.unitId, rec.status, rec.version, rec.createdAt, rec.updatedAt, rec.name, dueSort(rec), rec.noticeEndsAt ?? null, JSON.stringify(rec))
    },
    async get(id) {
      return readOne(db, 'SELECT doc FROM applications WHERE id = ?', id)
    },
    async listByApplicant(openid, page) {
      return readPage(db, 'applications WHERE applicant_openid = ?', [openid], 'created_at DESC, id DESC', page)
    },
    async update(rec, expectedVersion) {
      return changedOne(
        db,
        `UPDATE applications SET number = ?, applicant_openid = ?, unit_id = ?, status = ?, version = ?, updated_at = ?, name = ?, due_sort = ?, notice_ends_at = ?, doc = ?
         WHERE id = ? AND version = ?`,
        ...[rec.number, rec.applicantOpenid, rec.unitId, rec.status, rec.version, rec.updatedAt, rec.name, dueSort(rec), rec.noticeEndsAt ?? null, JSON.stringify(rec)],
        ...[rec.id, expectedVersion],
      )
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
    async byNumber(number) {
      return readOne(db, 'SELECT doc FROM applications WHERE number = ?', number)
    },
    async byName(unitIds, name, limit) {
      return readAll(db, `SELECT doc FROM applications WHERE name = ? AND ${IN_UNITS} ORDER BY created_at DESC, id DESC LIMIT ?`, name, JSON.stringify(unitIds), limit)
    },
    async noticesEnded(now, limit) {
      return readAll(db, `SELECT doc FROM applications WHERE status = 'publicizing' AND notice_ends_at <= ? ORDER BY notice_ends_at, id LIMIT ?`, now, limit)
    },
  }
}

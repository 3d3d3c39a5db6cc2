import type { ApplicationRecord, ApplicationRepository } from '../../ports'
import type { Db } from './connection'

/** Cases without a deadline sort after every dated one. */
export const NO_DEADLINE = '9999-12-31T23:59:59.999Z'
const dueSort = (rec: ApplicationRecord) => rec.dueAt ?? NO_DEADLINE

export function applicationRepository(db: Db): ApplicationRepository {
  const parse = (row: { doc: string } | undefined) => (row ? (JSON.parse(row.doc) as ApplicationRecord) : null)
  return {
    async insert(rec) {
      db.prepare(
        `INSERT INTO applications (id, number, applicant_openid, unit_id, status, version, created_at, updated_at, name, due_sort, notice_ends_at, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(rec.id, rec.number, rec.applicantOpenid, rec.unitId, rec.status, rec.version, rec.createdAt, rec.updatedAt, rec.name, dueSort(rec), rec.noticeEndsAt ?? null, JSON.stringify(rec))
    },
    async get(id) {
      return parse(db.prepare('SELECT doc FROM applications WHERE id = ?').get(id) as { doc: string } | undefined)
    },
    async listByApplicant(openid, { offset, limit }) {
      const rows = db
        .prepare('SELECT doc FROM applications WHERE applicant_openid = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?')
        .all(openid, limit, offset) as { doc: string }[]
      const total = db.prepare('SELECT count(*) FROM applications WHERE applicant_openid = ?').pluck().get(openid) as number
      return { items: rows.map((r) => JSON.parse(r.doc) as ApplicationRecord), total }
    },
    async update(rec, expectedVersion) {
      const result = db
        .prepare(
          `UPDATE applications SET number = ?, applicant_openid = ?, unit_id = ?, status = ?, version = ?, updated_at = ?, name = ?, due_sort = ?, notice_ends_at = ?, doc = ?
           WHERE id = ? AND version = ?`,
        )
        .run(rec.number, rec.applicantOpenid, rec.unitId, rec.status, rec.version, rec.updatedAt, rec.name, dueSort(rec), rec.noticeEndsAt ?? null, JSON.stringify(rec), rec.id, expectedVersion)
      return result.changes === 1
    },
    async queue({ unitIds, status, offset, limit }) {
      const units = JSON.stringify(unitIds)
      const rows = db
        .prepare(
          `SELECT doc FROM applications WHERE status = ? AND unit_id IN (SELECT value FROM json_each(?))
           ORDER BY due_sort, id LIMIT ? OFFSET ?`,
        )
        .all(status, units, limit, offset) as { doc: string }[]
      const total = db.prepare('SELECT count(*) FROM applications WHERE status = ? AND unit_id IN (SELECT value FROM json_each(?))').pluck().get(status, units) as number
      return { items: rows.map((r) => JSON.parse(r.doc) as ApplicationRecord), total }
    },
    async countStage(unitIds, status, now) {
      const row = db
        .prepare(
          `SELECT count(*) AS total, count(CASE WHEN due_sort < ? THEN 1 END) AS overdue
           FROM applications WHERE status = ? AND unit_id IN (SELECT value FROM json_each(?))`,
        )
        .get(now, status, JSON.stringify(unitIds)) as { total: number; overdue: number }
      return { total: row.total, overdue: row.overdue }
    },
    async byNumber(number) {
      return parse(db.prepare('SELECT doc FROM applications WHERE number = ?').get(number) as { doc: string } | undefined)
    },
    async byName(unitIds, name, limit) {
      const rows = db
        .prepare(
          `SELECT doc FROM applications WHERE name = ? AND unit_id IN (SELECT value FROM json_each(?))
           ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .all(name, JSON.stringify(unitIds), limit) as { doc: string }[]
      return rows.map((r) => JSON.parse(r.doc) as ApplicationRecord)
    },
    async noticesEnded(now, limit) {
      const rows = db
        .prepare(`SELECT doc FROM applications WHERE status = 'publicizing' AND notice_ends_at <= ? ORDER BY notice_ends_at, id LIMIT ?`)
        .all(now, limit) as { doc: string }[]
      return rows.map((r) => JSON.parse(r.doc) as ApplicationRecord)
    },
  }
}

import type { ProblemReportRecord, ProblemReportRepository } from '../../ports'
import type { Db } from './connection'

export function problemReportRepository(db: Db): ProblemReportRepository {
  const parse = (doc: string | undefined) => (doc ? (JSON.parse(doc) as ProblemReportRecord) : null)
  return {
    async insert(rec) {
      db.prepare('INSERT INTO problem_reports (id, status, created_at, version, doc) VALUES (?, ?, ?, ?, ?)').run(
        rec.id,
        rec.status,
        rec.createdAt,
        rec.version,
        JSON.stringify(rec),
      )
    },
    async get(id) {
      return parse(db.prepare('SELECT doc FROM problem_reports WHERE id = ?').pluck().get(id) as string | undefined)
    },
    async update(rec, expectedVersion) {
      const result = db
        .prepare('UPDATE problem_reports SET status = ?, created_at = ?, version = ?, doc = ? WHERE id = ? AND version = ?')
        .run(rec.status, rec.createdAt, rec.version, JSON.stringify(rec), rec.id, expectedVersion)
      return result.changes === 1
    },
    async list(status, { offset, limit }) {
      const docs = db
        .prepare('SELECT doc FROM problem_reports WHERE status = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?')
        .pluck()
        .all(status, limit, offset) as string[]
      const total = db.prepare('SELECT count(*) FROM problem_reports WHERE status = ?').pluck().get(status) as number
      return { items: docs.map((d) => JSON.parse(d) as ProblemReportRecord), total }
    },
  }
}

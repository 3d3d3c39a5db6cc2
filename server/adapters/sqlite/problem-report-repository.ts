import type { ProblemReportRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readOne, readPage } from './documents'

export function problemReportRepository(db: Db): ProblemReportRepository {
  return {
    async insert(rec) {
      db.prepare('INSERT INTO problem_reports (id, status, created_at, version, doc) VALUES (?, ?, ?, ?, ?)').run(rec.id, rec.status, rec.createdAt, rec.version, JSON.stringify(rec))
    },
    async get(id) {
      return readOne(db, 'SELECT doc FROM problem_reports WHERE id = ?', id)
    },
    async update(rec, expectedVersion) {
      return changedOne(
        db,
        'UPDATE problem_reports SET status = ?, created_at = ?, version = ?, doc = ? WHERE id = ? AND version = ?',
        ...[rec.status, rec.createdAt, rec.version, JSON.stringify(rec), rec.id, expectedVersion],
      )
    },
    async list(status, page) {
      return readPage(db, 'problem_reports WHERE status = ?', [status], 'created_at DESC, id DESC', page)
    },
  }
}

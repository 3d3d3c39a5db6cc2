import type { ProblemReportRecord, ProblemReportRepository } from '../../ports'
import type { Db } from './connection'
import { guardedRows, readPage } from './documents'

export function problemReportRepository(db: Db): ProblemReportRepository {
  return {
    ...guardedRows<ProblemReportRecord, number>(db, 'problem_reports', { status: (r) => r.status, created_at: (r) => r.createdAt, version: (r) => r.version }),
    async list(status, page) {
      return readPage(db, 'problem_reports WHERE status = ?', [status], 'created_at DESC, id DESC', page)
    },
  }
}

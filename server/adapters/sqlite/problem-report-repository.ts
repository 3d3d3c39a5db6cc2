import type { ProblemReportRecord, ProblemReportRepository } from '../../ports'
import type { Db } from './connection'
import { guardedRows, readPage } from './documents'

export function problemReportRepository(db: Db): ProblemReportRepository {
  return {
    ...guardedRows<ProblemReportRecord, number>(db, 'problem_reports', {
      status: (r) => r.status,
      created_at: (r) => r.createdAt,
      version: (r) => r.version,
      unit_id: (r) => r.unitId,
    }),
    async list(status, page, unitIds) {
      if (unitIds === undefined) return readPage(db, 'problem_reports WHERE status = ?', [status], 'created_at DESC, id DESC', page)
      return readPage(db, 'problem_reports WHERE status = ? AND unit_id IN (SELECT value FROM json_each(?))', [status, JSON.stringify(unitIds)], 'created_at DESC, id DESC', page)
    },
  }
}

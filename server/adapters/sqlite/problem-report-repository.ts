import type { ProblemReportRecord, ProblemReportRepository } from '../../ports'
import type { Db } from './connection'
import { guardedRows, readAll, readPage } from './documents'
import { unitListCount, unitListPage, unitListStart } from './migration-unit-lists'
import type { ReportStatus } from '../../../src/domain/station-codes'

/** The list of each status (migration 49). */
const LISTS = { pending: 'reportsPending', resolved: 'reportsResolved', rejected: 'reportsRejected' } as const satisfies Record<ReportStatus, string>

export function problemReportRepository(db: Db): ProblemReportRepository {
  const counts = Object.fromEntries(Object.entries(LISTS).map(([status, list]) => [status, db.prepare(unitListCount(list)).pluck()]))
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
    async listUnder(status, under, after, limit) {
      // The entries' primary key serves the range and the order, newest first.
      const list = LISTS[status]
      return readAll(db, unitListPage(list), under, after?.createdAt ?? unitListStart(list), after?.id ?? unitListStart(list), Math.max(0, limit))
    },
    async countUnder(status, under) {
      return counts[status].get(under) as number
    },
  }
}

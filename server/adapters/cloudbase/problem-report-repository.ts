import type { ProblemReportRecord, ProblemReportRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { PROBLEM_REPORTS } from './collections'
import { MAX_UNIT_IDS } from './staff-repository'
import { readPage, type Scope, type StoredDoc } from './types'
import { versionedRecords } from './versioned'

/** The review list: reports of one status (of a jurisdiction's units), newest first (and its count). */
export const PROBLEM_REPORTS_COLLECTION = defineCollection(PROBLEM_REPORTS, [
  { keys: [['status', 1], ['createdAt', -1], ['_id', -1]] },
  { keys: [['status', 1], ['unitId', 1], ['createdAt', -1], ['_id', -1]] },
])

type Fields = Omit<ProblemReportRecord, 'id'>

const FIELDS = [
  'stationId', 'stationName', 'unitId', 'problem', 'note', 'reporterOpenid', 'status', 'version', 'createdAt', 'decidedAt', 'decidedBy', 'decisionNote',
] as const satisfies readonly (keyof Fields)[]

const toFields = (rec: ProblemReportRecord): Fields => Object.fromEntries(FIELDS.map((f) => [f, rec[f]])) as Fields
const toRecord = (doc: StoredDoc): ProblemReportRecord => ({ id: doc._id, ...(Object.fromEntries(FIELDS.map((f) => [f, doc[f]])) as Fields) })

/** Problem reports, one document each with _id = the report id. */
export function problemReportRepository(scope: Scope): ProblemReportRepository {
  return {
    ...versionedRecords(scope, PROBLEM_REPORTS, toFields, toRecord),
    list(status, page, unitIds) {
      if (unitIds !== undefined && unitIds.length > MAX_UNIT_IDS) throw new Error(`problemReports.list takes at most ${MAX_UNIT_IDS} units`)
      const where = unitIds === undefined ? { status } : { status, unitId: scope.command.in([...unitIds]) }
      return readPage(scope, 'problemReports.list', () => scope.collection(PROBLEM_REPORTS).where(where), [['createdAt', 'desc'], ['_id', 'desc']], page, toRecord)
    },
  }
}

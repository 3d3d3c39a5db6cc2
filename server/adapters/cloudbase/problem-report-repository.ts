import type { ProblemReportRecord, ProblemReportRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { PROBLEM_REPORTS } from './collections'
import { readPage, type Scope, type StoredDoc } from './types'
import { versionedRecords } from './versioned'

/** The review list: reports of one status, newest first (and its count). */
export const PROBLEM_REPORTS_COLLECTION = defineCollection(PROBLEM_REPORTS, [{ keys: [['status', 1], ['createdAt', -1], ['_id', -1]] }])

type Fields = Omit<ProblemReportRecord, 'id'>

const FIELDS = [
  'stationId', 'stationName', 'problem', 'note', 'reporterOpenid', 'status', 'version', 'createdAt', 'decidedAt', 'decidedBy', 'decisionNote',
] as const satisfies readonly (keyof Fields)[]

const toFields = (rec: ProblemReportRecord): Fields => Object.fromEntries(FIELDS.map((f) => [f, rec[f]])) as Fields
const toRecord = (doc: StoredDoc): ProblemReportRecord => ({ id: doc._id, ...(Object.fromEntries(FIELDS.map((f) => [f, doc[f]])) as Fields) })

/** Problem reports, one document each with _id = the report id. */
export function problemReportRepository(scope: Scope): ProblemReportRepository {
  return {
    ...versionedRecords(scope, PROBLEM_REPORTS, toFields, toRecord),
    list(status, page) {
      return readPage(scope, 'problemReports.list', () => scope.collection(PROBLEM_REPORTS).where({ status }), [['createdAt', 'desc'], ['_id', 'desc']], page, toRecord)
    },
  }
}

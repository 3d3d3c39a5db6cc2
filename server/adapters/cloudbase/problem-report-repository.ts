import type { ProblemReportRecord, ProblemReportRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { PROBLEM_REPORTS } from './collections'
import { MAX_UNIT_IDS } from './staff-repository'
import { outsideTransaction, readPage, type Scope, type StoredDoc } from './types'
import { readAfter, UNIT_PATH, unitPathOf } from './unit-paths'
import { updateAtVersion, versionedRecords } from './versioned'

/**
 * The review list: reports of one status of a jurisdiction of any size, newest first (and its
 * count). A report keeps its station's unit's path (`unitPath`, multikey; data migration 020), so
 * the jurisdiction is one index range; a moved unit's reports are found by `unitId` to rewrite it.
 */
export const PROBLEM_REPORTS_COLLECTION = defineCollection(PROBLEM_REPORTS, [
  { keys: [['status', 1], ['createdAt', -1], ['_id', -1]] },
  { keys: [['status', 1], ['unitId', 1], ['createdAt', -1], ['_id', -1]] },
  { keys: [[UNIT_PATH, 1], ['status', 1], ['createdAt', -1], ['_id', -1]] },
  { keys: [['unitId', 1], ['_id', 1]] },
])

type Fields = Omit<ProblemReportRecord, 'id'>

const FIELDS = [
  'stationId', 'stationName', 'unitId', 'problem', 'note', 'reporterOpenid', 'status', 'version', 'createdAt', 'decidedAt', 'decidedBy', 'decisionNote',
] as const satisfies readonly (keyof Fields)[]

const toFields = (rec: ProblemReportRecord): Fields => Object.fromEntries(FIELDS.map((f) => [f, rec[f]])) as Fields
const toRecord = (doc: StoredDoc): ProblemReportRecord => ({ id: doc._id, ...(Object.fromEntries(FIELDS.map((f) => [f, doc[f]])) as Fields) })

/** Problem reports, one document each with _id = the report id. */
export function problemReportRepository(scope: Scope): ProblemReportRepository {
  const records = versionedRecords(scope, PROBLEM_REPORTS, toFields, toRecord)
  const coll = () => scope.collection(PROBLEM_REPORTS)
  const stored = async (rec: ProblemReportRecord) => ({ ...toFields(rec), [UNIT_PATH]: await unitPathOf(scope, rec.unitId) })
  return {
    get: records.get,
    async insert(rec) {
      await coll().add({ _id: rec.id, ...(await stored(rec)) })
    },
    async update(rec, expectedVersion) {
      return updateAtVersion(scope, PROBLEM_REPORTS, rec.id, await stored(rec), expectedVersion)
    },
    async listUnder(status, under, after, limit) {
      outsideTransaction(scope, 'problemReports.listUnder')
      const query = (where: object) => coll().where({ [UNIT_PATH]: under, status, ...where })
      return (await readAfter(scope, query, 'createdAt', after && { value: after.createdAt, id: after.id }, limit, 'desc')).map(toRecord)
    },
    async countUnder(status, under) {
      outsideTransaction(scope, 'problemReports.countUnder')
      return (await coll().where({ [UNIT_PATH]: under, status }).count()).total ?? 0
    },
    list(status, page, unitIds) {
      if (unitIds !== undefined && unitIds.length > MAX_UNIT_IDS) throw new Error(`problemReports.list takes at most ${MAX_UNIT_IDS} units`)
      const where = unitIds === undefined ? { status } : { status, unitId: scope.command.in([...unitIds]) }
      return readPage(scope, 'problemReports.list', () => scope.collection(PROBLEM_REPORTS).where(where), [['createdAt', 'desc'], ['_id', 'desc']], page, toRecord)
    },
  }
}

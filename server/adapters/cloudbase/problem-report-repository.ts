import type { ProblemReportRecord, ProblemReportRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { PROBLEM_REPORTS } from './collections'
import { outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'
import { updateAtVersion } from './versioned'

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
  const coll = () => scope.collection(PROBLEM_REPORTS)
  return {
    async insert(rec) {
      await coll().add({ _id: rec.id, ...toFields(rec) })
    },
    async get(id) {
      const doc = await readDoc(scope, PROBLEM_REPORTS, id)
      return doc && toRecord(doc)
    },
    async update(rec, expectedVersion) {
      return updateAtVersion(scope, PROBLEM_REPORTS, rec.id, toFields(rec), expectedVersion)
    },
    async list(status, { offset, limit }) {
      outsideTransaction(scope, 'problemReports.list')
      const of = () => coll().where({ status })
      const [docs, { total }] = await Promise.all([
        limit > 0 ? readRange(of().orderBy('createdAt', 'desc').orderBy('_id', 'desc'), offset, limit) : [],
        of().count(),
      ])
      return { items: docs.map(toRecord), total: total ?? 0 }
    },
  }
}

import type { ExportJobRecord, ExportJobRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { EXPORT_JOBS } from './collections'
import { addNew, outsideTransaction, readDoc, type Scope, type StoredDoc } from './types'

/** The timer picks running jobs whose lease ended (`due`); its sweep removes expired ones. */
export const EXPORT_JOBS_COLLECTION = defineCollection(EXPORT_JOBS, [
  { keys: [['state', 1], ['leaseUntil', 1], ['_id', 1]] },
  { keys: [['expiresAt', 1], ['_id', 1]] },
])

/**
 * The queried fields beside the record kept whole as JSON text: an update then replaces the record
 * instead of merging its nested objects (CloudBase's `update` merges an object value field by field).
 */
const toFields = (job: ExportJobRecord) => ({ state: job.state, leaseUntil: job.lease?.until ?? '', expiresAt: job.expiresAt, version: job.version, openid: job.openid, doc: JSON.stringify(job) })
const toRecord = (doc: StoredDoc): ExportJobRecord => JSON.parse(String(doc.doc)) as ExportJobRecord

/** Export jobs, one document each with _id = the job id; a write lands only at the version it was read at. */
export function exportJobRepository(scope: Scope): ExportJobRepository {
  const coll = () => scope.collection(EXPORT_JOBS)
  return {
    async get(id) {
      const doc = await readDoc(scope, EXPORT_JOBS, id)
      return doc && toRecord(doc)
    },
    add(job) {
      return addNew(scope, EXPORT_JOBS, job.id, toFields(job))
    },
    async update(job) {
      if (scope.inTransaction) {
        const doc = await readDoc(scope, EXPORT_JOBS, job.id)
        if (!doc || doc.version !== job.version - 1) return false
        await coll().doc(job.id).set(toFields(job))
        return true
      }
      const { updated } = await coll().where({ _id: job.id, version: job.version - 1 }).update(toFields(job))
      return updated === 1
    },
    async remove(id) {
      await coll().doc(id).remove()
    },
    async due(now, limit) {
      outsideTransaction(scope, 'exportJobs.due')
      const { data } = await coll().where({ state: 'running', leaseUntil: scope.command.lt(now) }).orderBy('leaseUntil', 'asc').orderBy('_id', 'asc').limit(limit).get()
      return data.map(toRecord)
    },
    async expired(now, limit) {
      outsideTransaction(scope, 'exportJobs.expired')
      const { data } = await coll().where({ expiresAt: scope.command.lt(now) }).orderBy('expiresAt', 'asc').orderBy('_id', 'asc').limit(limit).get()
      return data.map(toRecord)
    },
  }
}

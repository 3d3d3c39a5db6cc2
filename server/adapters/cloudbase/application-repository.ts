import { isDeepStrictEqual } from 'node:util'
import type { ApplicationRecord, ApplicationRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { APPLICATIONS } from './collections'
import { outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'

type Fields = Omit<ApplicationRecord, 'id'>

const FIELDS = [
  'number', 'applicantOpenid', 'unitId', 'status', 'version', 'name', 'idNumberEnc', 'idNumberHash',
  'phoneEnc', 'employer', 'mainCause', 'timeline', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof Fields)[]

/** Fields a record may lack: stored as null when absent, so that a merging update clears them too. */
const OPTIONAL_FIELDS = [
  'formSealed', 'draft', 'consent', 'assessment', 'documents', 'submissions', 'memberIdHashes', 'duplicateFlags', 'fieldsToFix',
] as const satisfies readonly (keyof Fields)[]

const toFields = (rec: ApplicationRecord): Fields =>
  Object.fromEntries([...FIELDS.map((f) => [f, rec[f]]), ...OPTIONAL_FIELDS.map((f) => [f, rec[f] ?? null])]) as Fields
const toRecord = (doc: StoredDoc): ApplicationRecord => ({
  id: doc._id,
  ...(Object.fromEntries(FIELDS.map((f) => [f, doc[f]])) as Fields),
  ...Object.fromEntries(OPTIONAL_FIELDS.flatMap((f) => (doc[f] === undefined || doc[f] === null ? [] : [[f, doc[f]]]))),
})

/** Unique application numbers; a worker's list, newest first (and its count). */
export const APPLICATIONS_COLLECTION = defineCollection(APPLICATIONS, [
  { keys: [['number', 1]], unique: true },
  { keys: [['applicantOpenid', 1], ['createdAt', -1], ['_id', -1]] },
])

/** Applications, one document each with _id = the application id. */
export function applicationRepository(scope: Scope): ApplicationRepository {
  const coll = () => scope.collection(APPLICATIONS)
  return {
    async insert(rec) {
      await coll().add({ _id: rec.id, ...toFields(rec) })
    },
    async get(id) {
      const doc = await readDoc(scope, APPLICATIONS, id)
      return doc && toRecord(doc)
    },
    async listByApplicant(openid, { offset, limit }) {
      outsideTransaction(scope, 'applications.listByApplicant')
      const mine = () => coll().where({ applicantOpenid: openid })
      const [docs, { total }] = await Promise.all([
        limit > 0 ? readRange(mine().orderBy('createdAt', 'desc').orderBy('_id', 'desc'), offset, limit) : [],
        mine().count(),
      ])
      return { items: docs.map(toRecord), total: total ?? 0 }
    },
    async update(rec, expectedVersion) {
      if (scope.inTransaction) {
        const doc = await readDoc(scope, APPLICATIONS, rec.id)
        if (!doc || doc.version !== expectedVersion) return false
        await coll().doc(rec.id).set(toFields(rec))
        return true
      }
      const { updated } = await coll().where({ _id: rec.id, version: expectedVersion }).update(toFields(rec))
      if (updated === 1) return true
      // The server counts only changed documents: a write of identical content at the expected version still succeeded.
      const doc = await readDoc(scope, APPLICATIONS, rec.id)
      return !!doc && doc.version === expectedVersion && isDeepStrictEqual(toRecord(doc), toRecord({ _id: rec.id, ...toFields(rec) } as StoredDoc))
    },
  }
}

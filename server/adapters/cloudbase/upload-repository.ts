import type { UploadRecord, UploadRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { UPLOADS } from './collections'
import { outsideTransaction, type Scope, type StoredDoc } from './types'

/** The timer reads the oldest uploads first; the upload rate limit reads a person's latest. */
export const UPLOADS_COLLECTION = defineCollection(UPLOADS, [{ keys: [['createdAt', 1], ['_id', 1]] }, { keys: [['openid', 1], ['createdAt', 1], ['_id', 1]] }])

/** Keys per `in` query of `removeMany`. */
const IN_KEYS = 100

const toRecord = (doc: StoredDoc): UploadRecord => ({ key: doc._id, openid: String(doc.openid), applicationId: String(doc.applicationId), createdAt: String(doc.createdAt) })

/** Upload paths handed out, one document each with _id = the file's key. */
export function uploadRepository(scope: Scope): UploadRepository {
  const coll = () => scope.collection(UPLOADS)
  return {
    async add(u) {
      await coll().doc(u.key).set({ openid: u.openid, applicationId: u.applicationId, createdAt: u.createdAt })
    },
    async remove(key) {
      await coll().doc(key).remove()
    },
    async removeMany(keys) {
      outsideTransaction(scope, 'uploads.removeMany')
      for (let i = 0; i < keys.length; i += IN_KEYS) await coll().where({ _id: scope.command.in(keys.slice(i, i + IN_KEYS)) }).remove()
    },
    async recentBy(openid, since, limit) {
      outsideTransaction(scope, 'uploads.recentBy')
      const { data } = await coll().where({ openid, createdAt: scope.command.gte(since) }).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(limit).get()
      return data.map(toRecord)
    },
    async olderThan(before, limit) {
      outsideTransaction(scope, 'uploads.olderThan')
      const { data } = await coll().where({ createdAt: scope.command.lt(before) }).orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(limit).get()
      return data.map(toRecord)
    },
  }
}

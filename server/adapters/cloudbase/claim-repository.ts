import type { ClaimRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { CLAIMS } from './collections'
import { isDuplicate, readDoc, type Scope } from './types'

/** Read and written by _id only: no index beyond _id. */
export const CLAIMS_COLLECTION = defineCollection(CLAIMS)

/** Claims, one document each with _id = the claim key, so a second create hits the existing _id. */
export function claimRepository(scope: Scope): ClaimRepository {
  const coll = () => scope.collection(CLAIMS)
  return {
    async get(key) {
      const doc = await readDoc(scope, CLAIMS, key)
      return doc && { key, holder: String(doc.holder) }
    },
    async create(key, holder) {
      // Inside a transaction a failed write aborts it, so look first; a racing transaction conflicts on the _id.
      if (scope.inTransaction && (await readDoc(scope, CLAIMS, key))) return false
      try {
        await coll().add({ _id: key, holder })
        return true
      } catch (err) {
        if (!scope.inTransaction && isDuplicate(err)) return false
        throw err
      }
    },
    async release(key) {
      await coll().doc(key).remove()
    },
  }
}

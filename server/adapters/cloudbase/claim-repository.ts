import type { ClaimRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { CLAIMS } from './collections'
import { addNew, readDoc, type Scope } from './types'

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
    create(key, holder) {
      return addNew(scope, CLAIMS, key, { holder })
    },
    async release(key) {
      await coll().doc(key).remove()
    },
  }
}

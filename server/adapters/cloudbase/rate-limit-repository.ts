import type { RateLimitRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { RATE_LIMITS } from './collections'
import { readDoc, type Scope } from './types'

/** Read and written by _id only: no index beyond _id. */
export const RATE_LIMITS_COLLECTION = defineCollection(RATE_LIMITS)

/** Failure counters, one document each with _id = the key. */
export function rateLimitRepository(scope: Scope): RateLimitRepository {
  return {
    async get(key) {
      const doc = await readDoc(scope, RATE_LIMITS, key)
      return doc && { key, count: Number(doc.count), windowStart: String(doc.windowStart) }
    },
    async put({ key, count, windowStart }) {
      await scope.collection(RATE_LIMITS).doc(key).set({ count, windowStart })
    },
  }
}

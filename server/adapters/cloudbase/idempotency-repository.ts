import type { IdempotencyRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { IDEMPOTENCY } from './collections'
import { readDoc, type Scope } from './types'

/** Read and written by _id only: no index beyond _id. */
export const IDEMPOTENCY_COLLECTION = defineCollection(IDEMPOTENCY)

/** Stored replies, one document each with _id = the idempotency key. */
export function idempotencyRepository(scope: Scope): IdempotencyRepository {
  return {
    async get(key) {
      return (await readDoc(scope, IDEMPOTENCY, key))?.reply ?? null
    },
    async put(key, reply, at) {
      await scope.collection(IDEMPOTENCY).doc(key).set({ reply, at })
    },
  }
}

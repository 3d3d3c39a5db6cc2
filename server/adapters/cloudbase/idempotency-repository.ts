import type { IdempotencyRepository } from '../../ports'
import { IDEMPOTENCY } from './collections'
import { readDoc, type Scope } from './types'

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

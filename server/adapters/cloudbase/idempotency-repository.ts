import type { IdempotencyRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { IDEMPOTENCY } from './collections'
import { outsideTransaction, readDoc, readRange, type Scope } from './types'

/** Read and written by _id; the retention schedule reads the oldest first. */
export const IDEMPOTENCY_COLLECTION = defineCollection(IDEMPOTENCY, [{ keys: [['at', 1], ['_id', 1]] }])

/** Stored replies, one document each with _id = the idempotency key. */
export function idempotencyRepository(scope: Scope): IdempotencyRepository {
  return {
    async get(key) {
      return (await readDoc(scope, IDEMPOTENCY, key))?.reply ?? null
    },
    async put(key, reply, at) {
      await scope.collection(IDEMPOTENCY).doc(key).set({ reply, at })
    },
    async storedBefore(before, limit) {
      outsideTransaction(scope, 'idempotency.storedBefore')
      if (limit <= 0) return []
      const docs = await readRange(scope.collection(IDEMPOTENCY).where({ at: scope.command.lt(before) }).orderBy('at', 'asc').orderBy('_id', 'asc'), 0, limit)
      return docs.map((d) => ({ key: d._id, at: String(d.at) }))
    },
    async remove(key, before) {
      const doc = await readDoc(scope, IDEMPOTENCY, key)
      if (!doc || !(String(doc.at) < before)) return false
      await scope.collection(IDEMPOTENCY).doc(key).remove()
      return true
    },
  }
}

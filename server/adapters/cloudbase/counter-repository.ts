import type { CounterRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { COUNTERS } from './collections'
import { isDuplicate, readDoc, type Scope } from './types'

/** Read and written by _id only: no index beyond _id. */
export const COUNTERS_COLLECTION = defineCollection(COUNTERS)

/** Named sequences, one document each with _id = the name and the last value given out. */
export function counterRepository(scope: Scope): CounterRepository {
  const coll = () => scope.collection(COUNTERS)
  return {
    async next(name) {
      if (scope.inTransaction) {
        const value = Number((await readDoc(scope, COUNTERS, name))?.value ?? 0) + 1
        await coll().doc(name).set({ value })
        return value
      }
      // Compare-and-set on the last value: of two racing callers, one retries with the next.
      for (;;) {
        const doc = await readDoc(scope, COUNTERS, name)
        if (!doc) {
          try {
            await coll().add({ _id: name, value: 1 })
            return 1
          } catch (err) {
            if (isDuplicate(err)) continue
            throw err
          }
        }
        const value = Number(doc.value) + 1
        const { updated } = await coll().where({ _id: name, value: doc.value }).update({ value })
        if (updated === 1) return value
      }
    },
  }
}

import { randomBytes } from 'node:crypto'
import type { CounterRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { COUNTERS } from './collections'
import { isDuplicate, readDoc, type Scope } from './types'

/** Read and written by _id only: no index beyond _id. */
export const COUNTERS_COLLECTION = defineCollection(COUNTERS)

/**
 * How many of the latest takers a counter remembers. A taker finds its number by its token among
 * them, so more than this many numbers taken between its update and its read would lose its number
 * (it then takes another): with a read one round trip after the update, never in practice.
 */
export const RECENT_TAKERS = 200

/**
 * Named sequences, one document each with _id = the name, the last value given out and the
 * tokens of the latest takers, in the order they took (`recent`, oldest first, the newest last).
 */
export function counterRepository(scope: Scope): CounterRepository {
  const coll = () => scope.collection(COUNTERS)
  return {
    async next(name) {
      if (scope.inTransaction) {
        const value = Number((await readDoc(scope, COUNTERS, name))?.value ?? 0) + 1
        await coll().doc(name).set({ value })
        return value
      }
      // One atomic update per number, never retried on contention: it adds 1 and appends the
      // caller's token (CloudBase's `_.push({ each, slice })`: MongoDB's $push with $each and
      // $slice, keeping the last RECENT_TAKERS); the read after it finds the token, and the
      // caller's number is the value minus the takers after it.
      for (;;) {
        const token = randomBytes(9).toString('base64url')
        const _ = scope.command
        const { updated } = await coll().doc(name).update({ value: _.inc(1), recent: _.push({ each: [token], slice: -RECENT_TAKERS }) })
        if (updated !== 1) {
          // The first number of this name: the document is created with it.
          try {
            await coll().add({ _id: name, value: 1, recent: [token] })
            return 1
          } catch (err) {
            if (isDuplicate(err)) continue
            throw err
          }
        }
        const doc = await readDoc(scope, COUNTERS, name)
        const recent = Array.isArray(doc?.recent) ? (doc.recent as unknown[]) : []
        const at = recent.lastIndexOf(token)
        if (doc && at >= 0) return Number(doc.value) - (recent.length - 1 - at)
      }
    },
  }
}

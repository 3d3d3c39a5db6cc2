import { isDeepStrictEqual } from 'node:util'
import { readDoc, type Scope, type StoredDoc } from './types'

/**
 * Writes `fields` to document `id` of `collection` when its stored `version` is `expectedVersion`;
 * false when it is stale or missing. Inside a transaction it reads and sets by _id (the only
 * operations CloudBase allows there); outside, a conditional update.
 */
export async function updateAtVersion(scope: Scope, collection: string, id: string, fields: Record<string, unknown>, expectedVersion: number): Promise<boolean> {
  const coll = scope.collection(collection)
  if (scope.inTransaction) {
    const doc = await readDoc(scope, collection, id)
    if (!doc || doc.version !== expectedVersion) return false
    await coll.doc(id).set(fields)
    return true
  }
  const { updated } = await coll.where({ _id: id, version: expectedVersion }).update(wholeValues(scope, fields))
  if (updated === 1) return true
  // The server counts only changed documents: a write of identical content at the expected version still succeeded.
  const doc = await readDoc(scope, collection, id)
  if (!doc || doc.version !== expectedVersion) return false
  const { _id, ...stored } = doc as StoredDoc
  return isDeepStrictEqual(stored, JSON.parse(JSON.stringify(fields)))
}

const isPlainObject = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The fields with every object value wrapped in `_.set`. The SDK turns a plain object in an update
 * into dotted paths (`items.a.x`), which keep keys the new value lacks and, on MongoDB, fail on a
 * field that is null; `_.set` writes the value whole, as a record write means.
 */
function wholeValues(scope: Scope, fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, isPlainObject(v) ? scope.command.set(v) : v]))
}

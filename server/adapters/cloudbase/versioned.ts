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
  const { updated } = await coll.where({ _id: id, version: expectedVersion }).update(fields)
  if (updated === 1) return true
  // The server counts only changed documents: a write of identical content at the expected version still succeeded.
  const doc = await readDoc(scope, collection, id)
  if (!doc || doc.version !== expectedVersion) return false
  const { _id, ...stored } = doc as StoredDoc
  return isDeepStrictEqual(stored, JSON.parse(JSON.stringify(fields)))
}

import { isDeepStrictEqual } from 'node:util'
import { readDoc, type Scope, type StoredDoc } from './types'

/** A record's fields as stored: all but its id, which is the document's _id. */
export const withoutId = <R extends { id: string }>({ id: _id, ...fields }: R): Omit<R, 'id'> => fields

/** The record a document holds: its fields, and its _id as the id. */
export const withId = <R extends { id: string }>({ _id, ...fields }: StoredDoc): R => ({ id: _id, ...fields }) as unknown as R

/**
 * Insert, read and write at a version, for a collection holding one record a document with
 * _id = the record's id; `toStored` and `toRecord` convert when the stored shape differs.
 */
export function versionedRecords<R extends { id: string }>(
  scope: Scope,
  collection: string,
  toStored: (rec: R) => object = withoutId,
  toRecord: (doc: StoredDoc) => R = withId,
) {
  return {
    async insert(rec: R): Promise<void> {
      await scope.collection(collection).add({ _id: rec.id, ...toStored(rec) })
    },
    async get(id: string): Promise<R | null> {
      const doc = await readDoc(scope, collection, id)
      return doc && toRecord(doc)
    },
    async update(rec: R, expectedVersion: number): Promise<boolean> {
      return updateAtVersion(scope, collection, rec.id, toStored(rec) as Record<string, unknown>, expectedVersion)
    },
  }
}

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

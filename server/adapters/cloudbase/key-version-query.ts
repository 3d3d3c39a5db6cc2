import { outsideTransaction, readRange, type Scope, type StoredDoc } from './types'

/** Documents of `collection` whose `keyVersion` is below `version` (0: nothing sealed), for a key rotation, and how many there are. */
export async function underOldKey<R>(scope: Scope, collection: string, version: number, limit: number, toRecord: (doc: StoredDoc) => R): Promise<{ items: R[]; remaining: number }> {
  outsideTransaction(scope, `${collection}.underOldKey`)
  const _ = scope.command
  const where = () => scope.collection(collection).where(_.and([{ keyVersion: _.gt(0) }, { keyVersion: _.lt(version) }]))
  const [docs, { total }] = await Promise.all([readRange(where().orderBy('keyVersion', 'asc').orderBy('_id', 'asc'), 0, Math.max(0, limit)), where().count()])
  return { items: docs.map(toRecord), remaining: total ?? 0 }
}

/** The index `underOldKey` reads by. */
export const KEY_VERSION_INDEX = { keys: [['keyVersion', 1], ['_id', 1]] as [string, 1][] }

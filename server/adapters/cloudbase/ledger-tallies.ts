import { defineCollection } from './collection-schema'
import { LEDGER_TALLIES } from './collections'
import { isDuplicate, readDoc, readRange, type Scope } from './types'
import { UNIT_PATH } from './unit-paths'

/**
 * How many pending ledger entries each person recorded in each unit, kept as the entries are
 * recorded and decided, in the same transaction (data migration 029 counts the entries already
 * there). One document per (unit, recorder, shard): no document every write touches (the entries
 * of one unit and recorder spread over SHARDS documents by their id, so reviewers deciding them at
 * once seldom meet); each keeps its unit's path (`unitPath`, rewritten with the entries' when a unit
 * moves), so a person's pending entries under any unit are the sum of the few documents of the
 * units where they recorded some, however many entries.
 */
export const LEDGER_TALLIES_COLLECTION = defineCollection(LEDGER_TALLIES, [
  { keys: [[UNIT_PATH, 1], ['recordedBy', 1], ['_id', 1]] },
  { keys: [['unitId', 1]] },
])

/** Documents per (unit, recorder). */
export const SHARDS = 4

/** Where an entry is counted: its unit, its recorder and its shard (from its id). */
export interface TallyKey {
  entryId: string
  unitId: string
  recordedBy: string
}

/** The shard of an entry: a hash of its id (FNV-1a), so its recording and its decision count in the same document. */
function shardOf(entryId: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < entryId.length; i++) h = Math.imul(h ^ entryId.charCodeAt(i), 0x01000193)
  return (h >>> 0) % SHARDS
}

/** The document that counts entries of `unitId` recorded by `recordedBy` in `shard`. */
export const tallyId = (unitId: string, recordedBy: string, shard: number) => `${unitId}|${recordedBy}|${shard}`

/** The document an entry counts in. */
export const tallyIdOf = (key: TallyKey) => tallyId(key.unitId, key.recordedBy, shardOf(key.entryId))

/**
 * Adds `delta` to the count of the entry's document. In a transaction it reads and writes the
 * document by _id (a racing transaction conflicts on it and is retried); outside one it adds
 * atomically, creating the document the first time.
 */
export async function tally(scope: Scope, key: TallyKey, unitPath: readonly string[], delta: number): Promise<void> {
  const id = tallyIdOf(key)
  const coll = () => scope.collection(LEDGER_TALLIES)
  const fields = { unitId: key.unitId, recordedBy: key.recordedBy, [UNIT_PATH]: [...unitPath] }
  if (scope.inTransaction) {
    const doc = await readDoc(scope, LEDGER_TALLIES, id)
    // The path stays as created or as a unit's move last spread it.
    await coll().doc(id).set({ ...fields, ...(doc ? { [UNIT_PATH]: doc[UNIT_PATH] } : {}), n: Number(doc?.n ?? 0) + delta })
    return
  }
  for (;;) {
    const { updated } = await coll().doc(id).update({ n: scope.command.inc(delta) })
    if (updated === 1) return
    try {
      await coll().add({ _id: id, ...fields, n: delta })
      return
    } catch (err) {
      if (!isDuplicate(err)) throw err
    }
  }
}

/** How many pending entries `recordedBy` recorded under `under`: the sum of their documents there. A query. */
export async function pendingRecordedUnder(scope: Scope, under: string, recordedBy: string): Promise<number> {
  const docs = await readRange(scope.collection(LEDGER_TALLIES).where({ [UNIT_PATH]: under, recordedBy }).orderBy('_id', 'asc'), 0, Infinity)
  return docs.reduce((sum, d) => sum + Number(d.n ?? 0), 0)
}

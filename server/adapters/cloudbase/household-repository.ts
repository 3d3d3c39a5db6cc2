import type { HouseholdQuery, HouseholdRecord, HouseholdRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { HOUSEHOLDS } from './collections'
import { MAX_UNIT_IDS } from './staff-repository'
import { householdKeyVersion } from '../keys/key-versions'
import { KEY_VERSION_INDEX, underOldKey } from './key-version-query'
import { outsideTransaction, readPage, readRange, type Scope, type StoredDoc } from './types'
import { versionedRecords, withId, withoutId } from './versioned'

/** Lists by file number and scans by id, of a jurisdiction with or without a status; searches by number and by the head's name. */
export const HOUSEHOLDS_COLLECTION = defineCollection(HOUSEHOLDS, [
  { keys: [['unitId', 1], ['status', 1], ['_id', 1]] },
  { keys: [['unitId', 1], ['_id', 1]] },
  { keys: [['unitId', 1], ['status', 1], ['number', 1], ['_id', 1]] },
  { keys: [['unitId', 1], ['number', 1], ['_id', 1]] },
  { keys: [['headName', 1], ['unitId', 1], ['number', 1], ['_id', 1]] },
  KEY_VERSION_INDEX,
])

/** Stored with the oldest data key it depends on, which the record does not carry. */
const toStored = (rec: HouseholdRecord) => ({ ...withoutId(rec), keyVersion: householdKeyVersion(rec) })
const toRecord = (doc: StoredDoc): HouseholdRecord => {
  const { keyVersion: _kv, ...rest } = doc
  return withId<HouseholdRecord>(rest as StoredDoc)
}

const byNumberThenId = (a: HouseholdRecord, b: HouseholdRecord) =>
  a.number < b.number ? -1 : a.number > b.number ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** Filed households, one document each with _id = the household id. */
export function householdRepository(scope: Scope): HouseholdRepository {
  const coll = () => scope.collection(HOUSEHOLDS)
  /** The `unitId` condition of a query method, after the checks every one of them makes. */
  const unitsIn = (method: string, unitIds: readonly string[]) => {
    outsideTransaction(scope, `households.${method}`)
    if (unitIds.length > MAX_UNIT_IDS) throw new Error(`households.${method} takes at most ${MAX_UNIT_IDS} units`)
    return scope.command.in([...unitIds])
  }
  const filter = (method: string, { unitIds, status }: HouseholdQuery) => ({ unitId: unitsIn(method, unitIds), ...(status ? { status } : {}) })
  return {
    ...versionedRecords<HouseholdRecord>(scope, HOUSEHOLDS, toStored, toRecord),
    underOldKey(version, limit) {
      return underOldKey(scope, HOUSEHOLDS, version, limit, toRecord)
    },
    async list(query, page) {
      const where = filter('list', query)
      if (query.unitIds.length === 0) return { items: [], total: 0 }
      return readPage(scope, 'households.list', () => coll().where(where), [['number', 'asc'], ['_id', 'asc']], page, toRecord)
    },
    async search(unitIds, text, limit) {
      const unitId = unitsIn('search', unitIds)
      const wanted = text.trim()
      if (unitIds.length === 0 || !wanted || limit <= 0) return []
      const [byNumber, byName] = await Promise.all([
        readRange(coll().where({ number: wanted, unitId }), 0, limit),
        readRange(coll().where({ headName: wanted, unitId }).orderBy('number', 'asc').orderBy('_id', 'asc'), 0, limit),
      ])
      const found = new Map([...byNumber, ...byName].map((d) => [d._id, toRecord(d)]))
      return [...found.values()].sort(byNumberThenId).slice(0, limit)
    },
    async scan(query, afterId, limit) {
      const where = filter('scan', query)
      if (query.unitIds.length === 0 || limit <= 0) return []
      const after = afterId === null ? {} : { _id: scope.command.gt(afterId) }
      return (await readRange(coll().where({ ...where, ...after }).orderBy('_id', 'asc'), 0, limit)).map(toRecord)
    },
  }
}

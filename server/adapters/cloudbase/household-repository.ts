import type { HouseholdQuery, HouseholdRecord, HouseholdRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { HOUSEHOLDS } from './collections'
import { MAX_UNIT_IDS } from './staff-repository'
import { outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'
import { updateAtVersion } from './versioned'

/** Lists by file number and scans by id, of a jurisdiction with or without a status; searches by number and by the head's name. */
export const HOUSEHOLDS_COLLECTION = defineCollection(HOUSEHOLDS, [
  { keys: [['unitId', 1], ['status', 1], ['_id', 1]] },
  { keys: [['unitId', 1], ['_id', 1]] },
  { keys: [['unitId', 1], ['status', 1], ['number', 1], ['_id', 1]] },
  { keys: [['unitId', 1], ['number', 1], ['_id', 1]] },
  { keys: [['headName', 1], ['unitId', 1], ['number', 1], ['_id', 1]] },
])

const toFields = ({ id: _id, ...fields }: HouseholdRecord) => fields
const toRecord = ({ _id, ...fields }: StoredDoc): HouseholdRecord => ({ id: _id, ...(fields as Omit<HouseholdRecord, 'id'>) })

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
    async insert(rec) {
      await coll().add({ _id: rec.id, ...toFields(rec) })
    },
    async get(id) {
      const doc = await readDoc(scope, HOUSEHOLDS, id)
      return doc && toRecord(doc)
    },
    async update(rec, expectedVersion) {
      return updateAtVersion(scope, HOUSEHOLDS, rec.id, toFields(rec), expectedVersion)
    },
    async list(query, { offset, limit }) {
      const where = filter('list', query)
      if (query.unitIds.length === 0) return { items: [], total: 0 }
      const [docs, { total }] = await Promise.all([
        limit > 0 ? readRange(coll().where(where).orderBy('number', 'asc').orderBy('_id', 'asc'), offset, limit) : [],
        coll().where(where).count(),
      ])
      return { items: docs.map(toRecord), total: total ?? 0 }
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

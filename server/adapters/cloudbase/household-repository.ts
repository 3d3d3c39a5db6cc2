import type { HouseholdRecord, HouseholdRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { HOUSEHOLDS } from './collections'
import { householdKeyVersion } from '../keys/key-versions'
import { KEY_VERSION_INDEX, underOldKey } from './key-version-query'
import { outsideTransaction, readByIds, readRange, type Scope, type StoredDoc } from './types'
import { versionedRecords, withId, withoutId } from './versioned'
import { readAfter, UNIT_PATH, unitPathOf } from './unit-paths'

/**
 * Lists (and scans) by file number of a jurisdiction of any size (the unit's path, multikey), with
 * or without a status, and their counts; searches by number and by the head's name.
 */
export const HOUSEHOLDS_COLLECTION = defineCollection(HOUSEHOLDS, [
  // A moved unit's households, to rewrite their path.
  { keys: [['unitId', 1], ['_id', 1]] },
  { keys: [[UNIT_PATH, 1], ['status', 1], ['number', 1], ['_id', 1]] },
  { keys: [[UNIT_PATH, 1], ['number', 1], ['_id', 1]] },
  { keys: [['headName', 1], [UNIT_PATH, 1], ['number', 1], ['_id', 1]] },
  KEY_VERSION_INDEX,
  // The retention schedule's deregistered households whose documents are still kept.
  { keys: [['status', 1], ['documentsPurgedAt', 1], ['updatedAt', 1], ['_id', 1]] },
])

/** A record with its unit's path, as it is written. */
type WithPath = HouseholdRecord & { unitPath?: string[] }

/** Stored with its unit's path and the oldest data key it depends on, which the record does not carry. */
const toStored = (rec: WithPath) => ({ ...withoutId(rec), [UNIT_PATH]: rec.unitPath ?? [rec.unitId], keyVersion: householdKeyVersion(rec) })
const toRecord = (doc: StoredDoc): HouseholdRecord => {
  const { keyVersion: _kv, [UNIT_PATH]: _path, ...rest } = doc
  return withId<HouseholdRecord>(rest as StoredDoc)
}

const byNumberThenId = (a: HouseholdRecord, b: HouseholdRecord) =>
  a.number < b.number ? -1 : a.number > b.number ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

/** Filed households, one document each with _id = the household id. */
export function householdRepository(scope: Scope): HouseholdRepository {
  const coll = () => scope.collection(HOUSEHOLDS)
  const records = versionedRecords<WithPath>(scope, HOUSEHOLDS, toStored, toRecord)
  return {
    ...records,
    async insert(rec) {
      await records.insert({ ...rec, unitPath: await unitPathOf(scope, rec.unitId) })
    },
    async update(rec, expectedVersion) {
      return records.update({ ...rec, unitPath: await unitPathOf(scope, rec.unitId) }, expectedVersion)
    },
    async getMany(ids) {
      return (await readByIds(scope, HOUSEHOLDS, ids, 'households.getMany')).map(toRecord)
    },
    async names(ids) {
      return (await readByIds(scope, HOUSEHOLDS, ids, 'households.names', ['number', 'headName'])).map((d) => ({ id: d._id as string, number: d.number as string, headName: d.headName as string }))
    },
    underOldKey(version, limit) {
      return underOldKey(scope, HOUSEHOLDS, version, limit, toRecord)
    },
    async deregisteredBefore(before, limit) {
      outsideTransaction(scope, 'households.deregisteredBefore')
      if (limit <= 0) return []
      const query = coll().where({ status: 'deregistered', documentsPurgedAt: null, updatedAt: scope.command.lt(before) }).orderBy('updatedAt', 'asc').orderBy('_id', 'asc')
      return (await readRange(query, 0, limit)).map(toRecord)
    },
    async listPage({ under, status, after, limit }) {
      outsideTransaction(scope, 'households.listPage')
      const query = (where: object) => coll().where({ [UNIT_PATH]: under, ...(status ? { status } : {}), ...where })
      return (await readAfter(scope, query, 'number', after && { value: after.number, id: after.id }, limit)).map(toRecord)
    },
    async countUnder(under, status) {
      outsideTransaction(scope, 'households.countUnder')
      // Counted on the index (unitPath, status, number): no document is read.
      return (await coll().where({ [UNIT_PATH]: under, ...(status ? { status } : {}) }).count()).total ?? 0
    },
    async search(under, text, limit) {
      outsideTransaction(scope, 'households.search')
      const wanted = text.trim()
      if (!wanted || limit <= 0) return []
      const [byNumber, byName] = await Promise.all([
        readRange(coll().where({ number: wanted, [UNIT_PATH]: under }), 0, limit),
        readRange(coll().where({ headName: wanted, [UNIT_PATH]: under }).orderBy('number', 'asc').orderBy('_id', 'asc'), 0, limit),
      ])
      const found = new Map([...byNumber, ...byName].map((d) => [d._id, toRecord(d)]))
      return [...found.values()].sort(byNumberThenId).slice(0, limit)
    },
  }
}

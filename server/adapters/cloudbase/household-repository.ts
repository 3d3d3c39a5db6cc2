import type { HouseholdRecord, HouseholdRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { HOUSEHOLDS } from './collections'
import { readDoc, type Scope, type StoredDoc } from './types'
import { updateAtVersion } from './versioned'

/** Filed households, one document each with _id = the household id. */
export const HOUSEHOLDS_COLLECTION = defineCollection(HOUSEHOLDS, [{ keys: [['unitId', 1], ['status', 1], ['_id', 1]] }])

const toFields = ({ id: _id, ...fields }: HouseholdRecord) => fields
const toRecord = ({ _id, ...fields }: StoredDoc): HouseholdRecord => ({ id: _id, ...(fields as Omit<HouseholdRecord, 'id'>) })

export function householdRepository(scope: Scope): HouseholdRepository {
  return {
    async insert(rec) {
      await scope.collection(HOUSEHOLDS).add({ _id: rec.id, ...toFields(rec) })
    },
    async get(id) {
      const doc = await readDoc(scope, HOUSEHOLDS, id)
      return doc && toRecord(doc)
    },
    async update(rec, expectedVersion) {
      return updateAtVersion(scope, HOUSEHOLDS, rec.id, toFields(rec), expectedVersion)
    },
  }
}

import type { MeasureRecord, MeasureRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { MEASURES } from './collections'
import { outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'
import { updateAtVersion } from './versioned'

/** A household's measures, oldest first. */
export const MEASURES_COLLECTION = defineCollection(MEASURES, [{ keys: [['householdId', 1], ['createdAt', 1], ['_id', 1]] }])

/** The most measures `listByHousehold` returns. */
const MAX_MEASURES = 200

const toFields = ({ id: _id, ...fields }: MeasureRecord) => fields
const toRecord = ({ _id, ...fields }: StoredDoc): MeasureRecord => ({ id: _id, ...(fields as Omit<MeasureRecord, 'id'>) })

/** Aid measures, one document each with _id = the measure id. */
export function measureRepository(scope: Scope): MeasureRepository {
  const coll = () => scope.collection(MEASURES)
  return {
    async insert(rec) {
      await coll().add({ _id: rec.id, ...toFields(rec) })
    },
    async get(id) {
      const doc = await readDoc(scope, MEASURES, id)
      return doc && toRecord(doc)
    },
    async update(rec, expectedVersion) {
      return updateAtVersion(scope, MEASURES, rec.id, toFields(rec), expectedVersion)
    },
    async listByHousehold(householdId) {
      outsideTransaction(scope, 'measures.listByHousehold')
      const query = coll().where({ householdId }).orderBy('createdAt', 'asc').orderBy('_id', 'asc')
      return (await readRange(query, 0, MAX_MEASURES)).map(toRecord)
    },
  }
}

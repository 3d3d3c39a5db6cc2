import type { MeasureRecord, MeasureRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { MEASURES } from './collections'
import { outsideTransaction, readByIds, readRange, type Scope } from './types'
import { versionedRecords, withId } from './versioned'

/** A household's measures, oldest first. */
export const MEASURES_COLLECTION = defineCollection(MEASURES, [{ keys: [['householdId', 1], ['createdAt', 1], ['_id', 1]] }])

/** The most measures `listByHousehold` returns. */
const MAX_MEASURES = 200

/** Aid measures, one document each with _id = the measure id. */
export function measureRepository(scope: Scope): MeasureRepository {
  return {
    ...versionedRecords<MeasureRecord>(scope, MEASURES),
    async getMany(ids) {
      return (await readByIds(scope, MEASURES, ids, 'measures.getMany')).map(withId<MeasureRecord>)
    },
    async listByHousehold(householdId) {
      outsideTransaction(scope, 'measures.listByHousehold')
      const query = scope.collection(MEASURES).where({ householdId }).orderBy('createdAt', 'asc').orderBy('_id', 'asc')
      return (await readRange(query, 0, MAX_MEASURES)).map(withId<MeasureRecord>)
    },
  }
}

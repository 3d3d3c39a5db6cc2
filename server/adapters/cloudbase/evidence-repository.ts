import type { EvidenceRecord, EvidenceRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { HOUSEHOLD_EVIDENCE } from './collections'
import { addNew, outsideTransaction, readByIds, readDoc, readRange, type Scope } from './types'
import { withId, withoutId } from './versioned'

/** A household's evidence, oldest first (the retention schedule removes it with the household's documents). */
export const HOUSEHOLD_EVIDENCE_COLLECTION = defineCollection(HOUSEHOLD_EVIDENCE, [{ keys: [['householdId', 1], ['uploadedAt', 1], ['_id', 1]] }])

const toRecord = withId<EvidenceRecord>

/** Evidence photos of households, one document each with _id = the evidence id. */
export function evidenceRepository(scope: Scope): EvidenceRepository {
  return {
    async add(rec) {
      return addNew(scope, HOUSEHOLD_EVIDENCE, rec.id, withoutId(rec))
    },
    async get(id) {
      const doc = await readDoc(scope, HOUSEHOLD_EVIDENCE, id)
      return doc && toRecord(doc)
    },
    async getMany(ids) {
      return (await readByIds(scope, HOUSEHOLD_EVIDENCE, ids, 'evidence.getMany')).map(toRecord)
    },
    async listByHousehold(householdId, limit) {
      outsideTransaction(scope, 'evidence.listByHousehold')
      if (limit <= 0) return []
      const query = scope.collection(HOUSEHOLD_EVIDENCE).where({ householdId }).orderBy('uploadedAt', 'asc').orderBy('_id', 'asc')
      return (await readRange(query, 0, limit)).map(toRecord)
    },
    async remove(id) {
      // Read first: inside a transaction the remove's count is not reliable.
      if (!(await readDoc(scope, HOUSEHOLD_EVIDENCE, id))) return false
      await scope.collection(HOUSEHOLD_EVIDENCE).doc(id).remove()
      return true
    },
  }
}

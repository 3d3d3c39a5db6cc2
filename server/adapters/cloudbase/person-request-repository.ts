import type { PersonRequestRecord, PersonRequestRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { PERSON_REQUESTS } from './collections'
import { MAX_UNIT_IDS } from './staff-repository'
import { addNew, outsideTransaction, readDoc, readRange, type Scope } from './types'
import { updateAtVersion, withId, withoutId } from './versioned'

/** Open requests of a jurisdiction, the soonest due first. */
export const PERSON_REQUESTS_COLLECTION = defineCollection(PERSON_REQUESTS, [
  { keys: [['status', 1], ['unitId', 1], ['dueOn', 1], ['_id', 1]] },
  // The retention schedule's closed requests, the earliest closed first.
  { keys: [['status', 1], ['closedAt', 1], ['_id', 1]] },
])

const toRecord = withId<PersonRequestRecord>

/** People's requests about their data, one document each with _id = the request id. */
export function personRequestRepository(scope: Scope): PersonRequestRepository {
  return {
    async get(id) {
      const doc = await readDoc(scope, PERSON_REQUESTS, id)
      return doc && toRecord(doc)
    },
    async put(rec, expectedVersion) {
      return expectedVersion === 0 ? addNew(scope, PERSON_REQUESTS, rec.id, withoutId(rec)) : updateAtVersion(scope, PERSON_REQUESTS, rec.id, withoutId(rec), expectedVersion)
    },
    async listOpen(unitIds, limit) {
      outsideTransaction(scope, 'personRequests.listOpen')
      if (unitIds.length > MAX_UNIT_IDS) throw new Error(`personRequests.listOpen takes at most ${MAX_UNIT_IDS} units`)
      if (unitIds.length === 0 || limit <= 0) return []
      const query = scope.collection(PERSON_REQUESTS).where({ status: 'open', unitId: scope.command.in([...unitIds]) }).orderBy('dueOn', 'asc').orderBy('_id', 'asc')
      return (await readRange(query, 0, limit)).map(toRecord)
    },
    async closedBefore(before, limit) {
      outsideTransaction(scope, 'personRequests.closedBefore')
      if (limit <= 0) return []
      const query = scope.collection(PERSON_REQUESTS).where({ status: scope.command.in(['done', 'refused']), closedAt: scope.command.lt(before) }).orderBy('closedAt', 'asc').orderBy('_id', 'asc')
      return (await readRange(query, 0, limit)).map(toRecord)
    },
    async remove(id, expectedVersion) {
      const doc = await readDoc(scope, PERSON_REQUESTS, id)
      if (!doc || doc.version !== expectedVersion) return false
      await scope.collection(PERSON_REQUESTS).doc(id).remove()
      return true
    },
  }
}

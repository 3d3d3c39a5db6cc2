import type { PersonRequestRecord, PersonRequestRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { PERSON_REQUESTS } from './collections'
import { addNew, outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'
import { readAfter, UNIT_PATH, unitPathOf } from './unit-paths'
import { updateAtVersion, withId, withoutId } from './versioned'

/**
 * Open requests of a jurisdiction of any size, the soonest due first: a request keeps its unit's
 * path (`unitPath`, multikey; data migration 019), so the jurisdiction is one index range; a moved
 * unit's requests are found by `unitId` to rewrite it.
 */
export const PERSON_REQUESTS_COLLECTION = defineCollection(PERSON_REQUESTS, [
  { keys: [[UNIT_PATH, 1], ['status', 1], ['dueOn', 1], ['_id', 1]] },
  { keys: [['unitId', 1], ['_id', 1]] },
  // The retention schedule's closed requests, the earliest closed first.
  { keys: [['status', 1], ['closedAt', 1], ['_id', 1]] },
])

/** The record without the unit's path it is stored with. */
const toRecord = ({ [UNIT_PATH]: _path, ...doc }: StoredDoc): PersonRequestRecord => withId<PersonRequestRecord>(doc as StoredDoc)

/** People's requests about their data, one document each with _id = the request id. */
export function personRequestRepository(scope: Scope): PersonRequestRepository {
  const coll = () => scope.collection(PERSON_REQUESTS)
  return {
    async get(id) {
      const doc = await readDoc(scope, PERSON_REQUESTS, id)
      return doc && toRecord(doc)
    },
    async put(rec, expectedVersion) {
      const fields = { ...withoutId(rec), [UNIT_PATH]: await unitPathOf(scope, rec.unitId) }
      return expectedVersion === 0 ? addNew(scope, PERSON_REQUESTS, rec.id, fields) : updateAtVersion(scope, PERSON_REQUESTS, rec.id, fields, expectedVersion)
    },
    async openUnder(under, after, limit) {
      outsideTransaction(scope, 'personRequests.openUnder')
      const query = (where: object) => coll().where({ [UNIT_PATH]: under, status: 'open', ...where })
      return (await readAfter(scope, query, 'dueOn', after && { value: after.dueOn, id: after.id }, limit)).map(toRecord)
    },
    async countOpenUnder(under) {
      outsideTransaction(scope, 'personRequests.countOpenUnder')
      return (await coll().where({ [UNIT_PATH]: under, status: 'open' }).count()).total ?? 0
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

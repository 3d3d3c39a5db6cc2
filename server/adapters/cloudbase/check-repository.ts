import type { CheckRecord } from '../../../src/domain/campaign'
import type { CheckRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { CHECKS } from './collections'
import { addNew, outsideTransaction, readDoc, readRange, type Scope } from './types'
import { updateAtVersion, withId, withoutId } from './versioned'

/** A campaign's checks in id order. */
export const CHECKS_COLLECTION = defineCollection(CHECKS, [{ keys: [['campaignId', 1], ['_id', 1]] }])

const toRecord = withId<CheckRecord>

/** 户户清 checks, one document each with _id = `<campaignId>:<householdId>`, so two first writes meet on the _id. */
export function checkRepository(scope: Scope): CheckRepository {
  const coll = () => scope.collection(CHECKS)
  return {
    async get(id) {
      const doc = await readDoc(scope, CHECKS, id)
      return doc && toRecord(doc)
    },
    async put(rec, expectedVersion) {
      return expectedVersion === 0 ? addNew(scope, CHECKS, rec.id, withoutId(rec)) : updateAtVersion(scope, CHECKS, rec.id, withoutId(rec), expectedVersion)
    },
    async scan(campaignId, afterId, limit) {
      outsideTransaction(scope, 'checks.scan')
      if (limit <= 0) return []
      const after = afterId === null ? {} : { _id: scope.command.gt(afterId) }
      return (await readRange(coll().where({ campaignId, ...after }).orderBy('_id', 'asc'), 0, limit)).map(toRecord)
    },
  }
}

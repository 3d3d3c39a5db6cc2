import type { CheckRecord } from '../../../src/domain/campaign'
import type { CheckRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { CHECKS } from './collections'
import { isDuplicate, outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'
import { updateAtVersion } from './versioned'

/** A campaign's checks in id order. */
export const CHECKS_COLLECTION = defineCollection(CHECKS, [{ keys: [['campaignId', 1], ['_id', 1]] }])

const toFields = ({ id: _id, ...fields }: CheckRecord) => fields
const toRecord = ({ _id, ...fields }: StoredDoc): CheckRecord => ({ id: _id, ...(fields as Omit<CheckRecord, 'id'>) })

/** 户户清 checks, one document each with _id = `<campaignId>:<householdId>`, so two first writes meet on the _id. */
export function checkRepository(scope: Scope): CheckRepository {
  const coll = () => scope.collection(CHECKS)
  return {
    async get(id) {
      const doc = await readDoc(scope, CHECKS, id)
      return doc && toRecord(doc)
    },
    async put(rec, expectedVersion) {
      if (expectedVersion !== 0) return updateAtVersion(scope, CHECKS, rec.id, toFields(rec), expectedVersion)
      // Inside a transaction a failed write aborts it, so look first; a racing transaction conflicts on the _id.
      if (scope.inTransaction && (await readDoc(scope, CHECKS, rec.id))) return false
      try {
        await coll().add({ _id: rec.id, ...toFields(rec) })
        return true
      } catch (err) {
        if (!scope.inTransaction && isDuplicate(err)) return false
        throw err
      }
    },
    async scan(campaignId, afterId, limit) {
      outsideTransaction(scope, 'checks.scan')
      if (limit <= 0) return []
      const after = afterId === null ? {} : { _id: scope.command.gt(afterId) }
      return (await readRange(coll().where({ campaignId, ...after }).orderBy('_id', 'asc'), 0, limit)).map(toRecord)
    },
  }
}

import { checkComplete, type CheckRecord } from '../../../src/domain/campaign'
import type { CheckRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { CHECKS } from './collections'
import { addNew, outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'
import { UNIT_PATH, unitPathOf } from './unit-paths'
import { updateAtVersion, withId, withoutId } from './versioned'

/** A campaign's checks in id order; counted under a unit (its path, multikey) by completeness and by outcome. */
export const CHECKS_COLLECTION = defineCollection(CHECKS, [
  { keys: [['campaignId', 1], ['_id', 1]] },
  { keys: [['campaignId', 1], [UNIT_PATH, 1], ['checked', 1]] },
  { keys: [['campaignId', 1], [UNIT_PATH, 1], ['outcomeKind', 1]] },
])

/** The stored fields that only counting reads, from the record and its unit's path. */
export const checkCountFields = (rec: CheckRecord, path: readonly string[]) => ({ [UNIT_PATH]: [...path], checked: checkComplete(rec), outcomeKind: rec.outcome?.kind ?? null })

const toRecord = (doc: StoredDoc): CheckRecord => {
  const { [UNIT_PATH]: _path, checked: _checked, outcomeKind: _kind, ...rest } = doc
  return withId<CheckRecord>(rest as StoredDoc)
}

/** 户户清 checks, one document each with _id = `<campaignId>:<householdId>`, so two first writes meet on the _id. */
export function checkRepository(scope: Scope): CheckRepository {
  const coll = () => scope.collection(CHECKS)
  return {
    async get(id) {
      const doc = await readDoc(scope, CHECKS, id)
      return doc && toRecord(doc)
    },
    async put(rec, expectedVersion) {
      const doc = { ...withoutId(rec), ...checkCountFields(rec, await unitPathOf(scope, rec.unitId)) }
      return expectedVersion === 0 ? addNew(scope, CHECKS, rec.id, doc) : updateAtVersion(scope, CHECKS, rec.id, doc, expectedVersion)
    },
    async countUnder(campaignId, unitId) {
      outsideTransaction(scope, 'checks.countUnder')
      const count = async (where: object) => (await coll().where({ campaignId, [UNIT_PATH]: unitId, ...where }).count()).total ?? 0
      const [checked, kept, proposedDeregistration] = await Promise.all([count({ checked: true }), count({ outcomeKind: 'keep' }), count({ outcomeKind: 'propose-deregistration' })])
      return { checked, kept, proposedDeregistration }
    },
    async scan(campaignId, afterId, limit) {
      outsideTransaction(scope, 'checks.scan')
      if (limit <= 0) return []
      const after = afterId === null ? {} : { _id: scope.command.gt(afterId) }
      return (await readRange(coll().where({ campaignId, ...after }).orderBy('_id', 'asc'), 0, limit)).map(toRecord)
    },
  }
}

import type { StaffRecord, StaffRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { STAFF } from './collections'
import { outsideTransaction, readDoc, readPage, readRange, type Scope, type StoredDoc } from './types'
import { UNIT_PATH, unitPathOf } from './unit-paths'

/**
 * `listByUnits` lists the staff of a few units (a unit's path) by openid; `listUnder` those of a
 * jurisdiction of any size: a staff record keeps its unit's path (`unitPath`, multikey).
 */
export const STAFF_COLLECTION = defineCollection(STAFF, [{ keys: [['unitId', 1], ['_id', 1]] }, { keys: [[UNIT_PATH, 1], ['_id', 1]] }])

/** The largest number of units one `in` list takes. */
export const MAX_UNIT_IDS = 1000

const toStaff = (doc: StoredDoc): StaffRecord => {
  const { displayName, unitId, roles, active, version, boundAt } = doc as unknown as StaffRecord
  return { openid: doc._id, displayName, unitId, roles, active, ...(version !== undefined ? { version } : {}), ...(boundAt !== undefined ? { boundAt } : {}) }
}

/** Staff bindings, one document each with _id = the staff member's openid. */
export function staffRepository(scope: Scope): StaffRepository {
  const coll = () => scope.collection(STAFF)
  return {
    async getByOpenid(openid) {
      const doc = await readDoc(scope, STAFF, openid)
      return doc && toStaff(doc)
    },
    async put({ openid, ...fields }) {
      await coll().doc(openid).set({ ...fields, [UNIT_PATH]: await unitPathOf(scope, fields.unitId) })
    },
    async listByUnits(unitIds, page) {
      outsideTransaction(scope, 'staff.listByUnits')
      if (unitIds.length > MAX_UNIT_IDS) throw new Error(`staff.listByUnits takes at most ${MAX_UNIT_IDS} units`)
      if (unitIds.length === 0) return { items: [], total: 0 }
      const where = { unitId: scope.command.in([...unitIds]) }
      return readPage(scope, 'staff.listByUnits', () => coll().where(where), [['_id', 'asc']], page, toStaff)
    },
    async listUnder(under, afterOpenid, limit) {
      outsideTransaction(scope, 'staff.listUnder')
      if (limit <= 0) return []
      const where = { [UNIT_PATH]: under, ...(afterOpenid !== null ? { _id: scope.command.gt(afterOpenid) } : {}) }
      return (await readRange(coll().where(where).orderBy('_id', 'asc'), 0, limit)).map(toStaff)
    },
    async countUnder(under) {
      outsideTransaction(scope, 'staff.countUnder')
      return (await coll().where({ [UNIT_PATH]: under }).count()).total ?? 0
    },
  }
}

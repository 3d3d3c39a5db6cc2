import type { StaffRecord, StaffRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { STAFF } from './collections'
import { outsideTransaction, readDoc, readPage, type Scope, type StoredDoc } from './types'

/** `listByUnits` lists the staff of a jurisdiction's units by openid. */
export const STAFF_COLLECTION = defineCollection(STAFF, [{ keys: [['unitId', 1], ['_id', 1]] }])

/** The largest number of units one `listByUnits` takes (one `in` list). */
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
      await coll().doc(openid).set(fields)
    },
    async listByUnits(unitIds, page) {
      outsideTransaction(scope, 'staff.listByUnits')
      if (unitIds.length > MAX_UNIT_IDS) throw new Error(`staff.listByUnits takes at most ${MAX_UNIT_IDS} units`)
      if (unitIds.length === 0) return { items: [], total: 0 }
      const where = { unitId: scope.command.in([...unitIds]) }
      return readPage(scope, 'staff.listByUnits', () => coll().where(where), [['_id', 'asc']], page, toStaff)
    },
  }
}

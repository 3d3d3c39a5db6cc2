import type { StaffRecord, StaffRepository } from '../../ports'
import { STAFF } from './collections'
import { readDoc, type Scope } from './types'

/** Staff bindings, one document each with _id = the staff member's openid. */
export function staffRepository(scope: Scope): StaffRepository {
  return {
    async getByOpenid(openid) {
      const doc = await readDoc(scope, STAFF, openid)
      if (!doc) return null
      const { displayName, unitId, roles, active } = doc as unknown as StaffRecord
      return { openid, displayName, unitId, roles, active }
    },
    async put({ openid, displayName, unitId, roles, active }) {
      await scope.collection(STAFF).doc(openid).set({ displayName, unitId, roles, active })
    },
  }
}

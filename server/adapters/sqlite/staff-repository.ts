import type { StaffRepository } from '../../ports'
import type { Db } from './connection'
import { readAll, readOne, readPage } from './documents'
import { unitListCount, unitListPage } from './migration-unit-lists'

export function staffRepository(db: Db): StaffRepository {
  const count = db.prepare(unitListCount('staff')).pluck()
  return {
    async getByOpenid(openid) {
      return readOne(db, 'SELECT doc FROM staff WHERE openid = ?', openid)
    },
    async put(s) {
      db.prepare('INSERT INTO staff (openid, unit_id, doc) VALUES (?, ?, ?) ON CONFLICT (openid) DO UPDATE SET unit_id = excluded.unit_id, doc = excluded.doc').run(
        s.openid,
        s.unitId,
        JSON.stringify(s),
      )
    },
    async listByUnits(unitIds, page) {
      if (unitIds.length === 0) return { items: [], total: 0 }
      return readPage(db, 'staff WHERE unit_id IN (SELECT value FROM json_each(?))', [JSON.stringify(unitIds)], 'openid', page)
    },
    async listUnder(under, afterOpenid, limit) {
      return readAll(db, unitListPage('staff'), under, afterOpenid ?? '', afterOpenid ?? '', Math.max(0, limit))
    },
    async countUnder(under) {
      return count.get(under) as number
    },
  }
}

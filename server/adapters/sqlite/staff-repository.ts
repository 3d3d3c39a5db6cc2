import type { StaffRecord, StaffRepository } from '../../ports'
import type { Db } from './connection'

export function staffRepository(db: Db): StaffRepository {
  return {
    async getByOpenid(openid) {
      const doc = db.prepare('SELECT doc FROM staff WHERE openid = ?').pluck().get(openid) as string | undefined
      return doc ? (JSON.parse(doc) as StaffRecord) : null
    },
    async put(s) {
      db.prepare('INSERT INTO staff (openid, unit_id, doc) VALUES (?, ?, ?) ON CONFLICT (openid) DO UPDATE SET unit_id = excluded.unit_id, doc = excluded.doc').run(
        s.openid,
        s.unitId,
        JSON.stringify(s),
      )
    },
    async listByUnits(unitIds, { offset, limit }) {
      if (unitIds.length === 0) return { items: [], total: 0 }
      const ids = JSON.stringify(unitIds)
      const docs = db
        .prepare('SELECT doc FROM staff WHERE unit_id IN (SELECT value FROM json_each(?)) ORDER BY openid LIMIT ? OFFSET ?')
        .pluck()
        .all(ids, limit, offset) as string[]
      const total = db.prepare('SELECT count(*) FROM staff WHERE unit_id IN (SELECT value FROM json_each(?))').pluck().get(ids) as number
      return { items: docs.map((d) => JSON.parse(d) as StaffRecord), total }
    },
  }
}

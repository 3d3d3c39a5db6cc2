import type { HouseholdRecord, HouseholdRepository } from '../../ports'
import type { Db } from './connection'

export function householdRepository(db: Db): HouseholdRepository {
  return {
    async insert(rec) {
      db.prepare('INSERT INTO households (id, unit_id, status, version, doc) VALUES (?, ?, ?, ?, ?)').run(rec.id, rec.unitId, rec.status, rec.version, JSON.stringify(rec))
    },
    async get(id) {
      const doc = db.prepare('SELECT doc FROM households WHERE id = ?').pluck().get(id) as string | undefined
      return doc ? (JSON.parse(doc) as HouseholdRecord) : null
    },
    async update(rec, expectedVersion) {
      const r = db
        .prepare('UPDATE households SET unit_id = ?, status = ?, version = ?, doc = ? WHERE id = ? AND version = ?')
        .run(rec.unitId, rec.status, rec.version, JSON.stringify(rec), rec.id, expectedVersion)
      return r.changes === 1
    },
  }
}

import type { MeasureRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readAll, readOne } from './documents'

/** The most measures `listByHousehold` returns. */
const MAX_MEASURES = 200

export function measureRepository(db: Db): MeasureRepository {
  return {
    async insert(rec) {
      db.prepare('INSERT INTO measures (id, household_id, created_at, version, doc) VALUES (?, ?, ?, ?, ?)').run(rec.id, rec.householdId, rec.createdAt, rec.version, JSON.stringify(rec))
    },
    async get(id) {
      return readOne(db, 'SELECT doc FROM measures WHERE id = ?', id)
    },
    async update(rec, expectedVersion) {
      return changedOne(
        db,
        'UPDATE measures SET household_id = ?, created_at = ?, version = ?, doc = ? WHERE id = ? AND version = ?',
        ...[rec.householdId, rec.createdAt, rec.version, JSON.stringify(rec), rec.id, expectedVersion],
      )
    },
    async listByHousehold(householdId) {
      return readAll(db, 'SELECT doc FROM measures WHERE household_id = ? ORDER BY created_at, id LIMIT ?', householdId, MAX_MEASURES)
    },
  }
}

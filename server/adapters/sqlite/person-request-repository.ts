import type { PersonRequestRecord, PersonRequestRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readAll, readOne } from './documents'

/** People's requests about their data, one row each, written at a version. */
export function personRequestRepository(db: Db): PersonRequestRepository {
  return {
    async get(id) {
      return readOne<PersonRequestRecord>(db, 'SELECT doc FROM person_requests WHERE id = ?', id)
    },
    async put(rec, expectedVersion) {
      const doc = JSON.stringify(rec)
      return expectedVersion === 0
        ? changedOne(db, 'INSERT INTO person_requests (id, unit_id, status, due_on, version, doc) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', rec.id, rec.unitId, rec.status, rec.dueOn, rec.version, doc)
        : changedOne(db, 'UPDATE person_requests SET status = ?, version = ?, doc = ? WHERE id = ? AND version = ?', rec.status, rec.version, doc, rec.id, expectedVersion)
    },
    async listOpen(unitIds, limit) {
      if (unitIds.length === 0) return []
      return readAll(db, `SELECT doc FROM person_requests WHERE status = 'open' AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY due_on, id LIMIT ?`, JSON.stringify(unitIds), limit)
    },
    async closedBefore(before, limit) {
      return readAll(db, `SELECT doc FROM person_requests WHERE status != 'open' AND json_extract(doc, '$.closedAt') < ? ORDER BY json_extract(doc, '$.closedAt'), id LIMIT ?`, before, Math.max(0, limit))
    },
    async remove(id, expectedVersion) {
      return changedOne(db, 'DELETE FROM person_requests WHERE id = ? AND version = ?', id, expectedVersion)
    },
  }
}

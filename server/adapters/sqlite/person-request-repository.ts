import type { PersonRequestRecord, PersonRequestRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readAll, readOne } from './documents'
import { unitListCount, unitListPage } from './migration-unit-lists'

/** People's requests about their data, one row each, written at a version. */
export function personRequestRepository(db: Db): PersonRequestRepository {
  const counted = db.prepare(unitListCount('personRequests')).pluck()
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
    async openUnder(under, after, limit) {
      // The entries' primary key serves the range and the order (migration 48).
      return readAll(db, unitListPage('personRequests'), under, after?.dueOn ?? '', after?.id ?? '', Math.max(0, limit))
    },
    async countOpenUnder(under) {
      return counted.get(under) as number
    },
    async closedBefore(before, limit) {
      return readAll(db, `SELECT doc FROM person_requests WHERE status != 'open' AND json_extract(doc, '$.closedAt') < ? ORDER BY json_extract(doc, '$.closedAt'), id LIMIT ?`, before, Math.max(0, limit))
    },
    async remove(id, expectedVersion) {
      return changedOne(db, 'DELETE FROM person_requests WHERE id = ? AND version = ?', id, expectedVersion)
    },
  }
}

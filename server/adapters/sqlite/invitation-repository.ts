import type { InvitationRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readOne, readPage } from './documents'

export function invitationRepository(db: Db): InvitationRepository {
  return {
    async insert(rec) {
      db.prepare('INSERT INTO invitations (id, unit_id, status, created_at, doc) VALUES (?, ?, ?, ?, ?)').run(rec.id, rec.unitId, rec.status, rec.createdAt, JSON.stringify(rec))
    },
    async get(id) {
      return readOne(db, 'SELECT doc FROM invitations WHERE id = ?', id)
    },
    async update(rec, expectedStatus) {
      return changedOne(
        db,
        'UPDATE invitations SET unit_id = ?, status = ?, created_at = ?, doc = ? WHERE id = ? AND status = ?',
        ...[rec.unitId, rec.status, rec.createdAt, JSON.stringify(rec), rec.id, expectedStatus],
      )
    },
    async listByUnits(unitIds, page) {
      if (unitIds.length === 0) return { items: [], total: 0 }
      return readPage(db, 'invitations WHERE unit_id IN (SELECT value FROM json_each(?))', [JSON.stringify(unitIds)], 'created_at DESC, id DESC', page)
    },
  }
}

import type { ContactRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readAll, readPage } from './documents'

export function contactRepository(db: Db): ContactRepository {
  return {
    async add(rec) {
      db.prepare('INSERT INTO contacts (id, household_id, contact_on, created_at, doc) VALUES (?, ?, ?, ?, ?)').run(rec.id, rec.householdId, rec.on, rec.createdAt, JSON.stringify(rec))
    },
    async listByHousehold(householdId, page) {
      return readPage(db, 'contacts WHERE household_id = ?', [householdId], 'contact_on DESC, created_at DESC, id DESC', page)
    },
    async notesBefore(before, limit) {
      return readAll(db, `SELECT doc FROM contacts WHERE json_extract(doc, '$.notesPurgedAt') IS NULL AND created_at < ? ORDER BY created_at, id LIMIT ?`, before, Math.max(0, limit))
    },
    async clearNotes(id, at) {
      const sql = `UPDATE contacts SET doc = json_set(doc, '$.notes', '', '$.nextStep', '', '$.notesPurgedAt', ?) WHERE id = ? AND json_extract(doc, '$.notesPurgedAt') IS NULL`
      return changedOne(db, sql, at, id)
    },
  }
}

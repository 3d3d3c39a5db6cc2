import type { ContactRepository } from '../../ports'
import type { Db } from './connection'
import { readPage } from './documents'

export function contactRepository(db: Db): ContactRepository {
  return {
    async add(rec) {
      db.prepare('INSERT INTO contacts (id, household_id, contact_on, created_at, doc) VALUES (?, ?, ?, ?, ?)').run(rec.id, rec.householdId, rec.on, rec.createdAt, JSON.stringify(rec))
    },
    async listByHousehold(householdId, page) {
      return readPage(db, 'contacts WHERE household_id = ?', [householdId], 'contact_on DESC, created_at DESC, id DESC', page)
    },
  }
}

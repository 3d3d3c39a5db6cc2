import type { ContactRecord, ContactRepository } from '../../ports'
import type { Db } from './connection'

export function contactRepository(db: Db): ContactRepository {
  return {
    async add(rec) {
      db.prepare('INSERT INTO contacts (id, household_id, contact_on, created_at, doc) VALUES (?, ?, ?, ?, ?)').run(rec.id, rec.householdId, rec.on, rec.createdAt, JSON.stringify(rec))
    },
    async listByHousehold(householdId, { offset, limit }) {
      const docs = db
        .prepare('SELECT doc FROM contacts WHERE household_id = ? ORDER BY contact_on DESC, created_at DESC, id DESC LIMIT ? OFFSET ?')
        .pluck()
        .all(householdId, Math.max(0, limit), offset) as string[]
      const total = db.prepare('SELECT count(*) FROM contacts WHERE household_id = ?').pluck().get(householdId) as number
      return { items: docs.map((d) => JSON.parse(d) as ContactRecord), total }
    },
  }
}

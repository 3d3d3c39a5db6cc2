import type { InvitationRecord, InvitationRepository } from '../../ports'
import type { Db } from './connection'

export function invitationRepository(db: Db): InvitationRepository {
  const parse = (doc: string | undefined) => (doc ? (JSON.parse(doc) as InvitationRecord) : null)
  return {
    async insert(rec) {
      db.prepare('INSERT INTO invitations (id, unit_id, status, created_at, doc) VALUES (?, ?, ?, ?, ?)').run(rec.id, rec.unitId, rec.status, rec.createdAt, JSON.stringify(rec))
    },
    async get(id) {
      return parse(db.prepare('SELECT doc FROM invitations WHERE id = ?').pluck().get(id) as string | undefined)
    },
    async update(rec, expectedStatus) {
      const r = db
        .prepare('UPDATE invitations SET unit_id = ?, status = ?, created_at = ?, doc = ? WHERE id = ? AND status = ?')
        .run(rec.unitId, rec.status, rec.createdAt, JSON.stringify(rec), rec.id, expectedStatus)
      return r.changes === 1
    },
    async listByUnits(unitIds, { offset, limit }) {
      if (unitIds.length === 0) return { items: [], total: 0 }
      const ids = JSON.stringify(unitIds)
      const docs = db
        .prepare('SELECT doc FROM invitations WHERE unit_id IN (SELECT value FROM json_each(?)) ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?')
        .pluck()
        .all(ids, limit, offset) as string[]
      const total = db.prepare('SELECT count(*) FROM invitations WHERE unit_id IN (SELECT value FROM json_each(?))').pluck().get(ids) as number
      return { items: docs.map((d) => JSON.parse(d) as InvitationRecord), total }
    },
  }
}

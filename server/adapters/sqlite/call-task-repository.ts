import type { CallTaskRecord, CallTaskRepository } from '../../ports'
import type { Db } from './connection'
import { readOne, readPage } from './documents'

export function callTaskRepository(db: Db): CallTaskRepository {
  return {
    async get(id) {
      return readOne<CallTaskRecord>(db, 'SELECT doc FROM call_tasks WHERE id = ?', id)
    },
    async put(t) {
      db.prepare(
        `INSERT INTO call_tasks (id, unit_id, status, opened_at, doc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET unit_id = excluded.unit_id, status = excluded.status, opened_at = excluded.opened_at, doc = excluded.doc`,
      ).run(t.id, t.unitId, t.status, t.openedAt, JSON.stringify(t))
    },
    async listOpen(unitIds, page) {
      if (unitIds.length === 0) return { items: [], total: 0 }
      return readPage(db, `call_tasks WHERE status = 'open' AND unit_id IN (SELECT value FROM json_each(?))`, [JSON.stringify(unitIds)], 'opened_at, id', page)
    },
  }
}

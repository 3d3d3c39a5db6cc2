import type { CallTaskRecord, CallTaskRepository } from '../../ports'
import type { Db } from './connection'
import { readAll, readOne } from './documents'
import { unitListCount, unitListPage } from './migration-unit-lists'

export function callTaskRepository(db: Db): CallTaskRepository {
  const count = db.prepare(unitListCount('calls')).pluck()
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
    async openUnder(under, after, limit) {
      return readAll(db, unitListPage('calls'), under, after?.openedAt ?? '', after?.id ?? '', Math.max(0, limit))
    },
    async countOpenUnder(under) {
      return count.get(under) as number
    },
  }
}

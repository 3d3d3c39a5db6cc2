import type { PolicyRepository } from '../../ports'
import type { Db } from './connection'
import { readOne } from './documents'

export function policyRepository(db: Db): PolicyRepository {
  return {
    async get(unitId) {
      return readOne(db, 'SELECT doc FROM policies WHERE unit_id = ?', unitId)
    },
    async put(p) {
      db.prepare('INSERT INTO policies (unit_id, doc) VALUES (?, ?) ON CONFLICT (unit_id) DO UPDATE SET doc = excluded.doc').run(p.unitId, JSON.stringify(p))
    },
  }
}

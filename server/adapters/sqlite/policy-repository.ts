import type { PolicyRecord, PolicyRepository } from '../../ports'
import type { Db } from './connection'

export function policyRepository(db: Db): PolicyRepository {
  return {
    async get(unitId) {
      const doc = db.prepare('SELECT doc FROM policies WHERE unit_id = ?').pluck().get(unitId) as string | undefined
      return doc ? (JSON.parse(doc) as PolicyRecord) : null
    },
    async put(p) {
      db.prepare('INSERT INTO policies (unit_id, doc) VALUES (?, ?) ON CONFLICT (unit_id) DO UPDATE SET doc = excluded.doc').run(p.unitId, JSON.stringify(p))
    },
  }
}

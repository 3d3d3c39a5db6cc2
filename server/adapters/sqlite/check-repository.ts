import type { CheckRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readAll, readOne } from './documents'

export function checkRepository(db: Db): CheckRepository {
  return {
    async get(id) {
      return readOne(db, 'SELECT doc FROM checks WHERE id = ?', id)
    },
    async put(rec, expectedVersion) {
      const doc = JSON.stringify(rec)
      return expectedVersion === 0
        ? changedOne(db, 'INSERT INTO checks (id, campaign_id, version, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', rec.id, rec.campaignId, rec.version, doc)
        : changedOne(db, 'UPDATE checks SET campaign_id = ?, version = ?, doc = ? WHERE id = ? AND version = ?', rec.campaignId, rec.version, doc, rec.id, expectedVersion)
    },
    async scan(campaignId, afterId, limit) {
      if (limit <= 0) return []
      return readAll(db, 'SELECT doc FROM checks WHERE campaign_id = ? AND id > ? ORDER BY id LIMIT ?', campaignId, afterId ?? '', limit)
    },
  }
}

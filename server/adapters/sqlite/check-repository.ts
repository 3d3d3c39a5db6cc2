import type { CheckRecord } from '../../../src/domain/campaign'
import type { CheckRepository } from '../../ports'
import type { Db } from './connection'

export function checkRepository(db: Db): CheckRepository {
  return {
    async get(id) {
      const doc = db.prepare('SELECT doc FROM checks WHERE id = ?').pluck().get(id) as string | undefined
      return doc ? (JSON.parse(doc) as CheckRecord) : null
    },
    async put(rec, expectedVersion) {
      const doc = JSON.stringify(rec)
      const r =
        expectedVersion === 0
          ? db.prepare('INSERT INTO checks (id, campaign_id, version, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(rec.id, rec.campaignId, rec.version, doc)
          : db.prepare('UPDATE checks SET campaign_id = ?, version = ?, doc = ? WHERE id = ? AND version = ?').run(rec.campaignId, rec.version, doc, rec.id, expectedVersion)
      return r.changes === 1
    },
    async scan(campaignId, afterId, limit) {
      if (limit <= 0) return []
      const docs = db.prepare('SELECT doc FROM checks WHERE campaign_id = ? AND id > ? ORDER BY id LIMIT ?').pluck().all(campaignId, afterId ?? '', limit) as string[]
      return docs.map((d) => JSON.parse(d) as CheckRecord)
    },
  }
}

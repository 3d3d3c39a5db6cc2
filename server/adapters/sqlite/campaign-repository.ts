import type { Campaign } from '../../../src/domain/campaign'
import type { CampaignRepository } from '../../ports'
import type { Db } from './connection'

export function campaignRepository(db: Db): CampaignRepository {
  return {
    async insert(rec) {
      db.prepare('INSERT INTO campaigns (id, starts_on, version, doc) VALUES (?, ?, ?, ?)').run(rec.id, rec.startsOn, rec.version, JSON.stringify(rec))
    },
    async get(id) {
      const doc = db.prepare('SELECT doc FROM campaigns WHERE id = ?').pluck().get(id) as string | undefined
      return doc ? (JSON.parse(doc) as Campaign) : null
    },
    async update(rec, expectedVersion) {
      const r = db
        .prepare('UPDATE campaigns SET starts_on = ?, version = ?, doc = ? WHERE id = ? AND version = ?')
        .run(rec.startsOn, rec.version, JSON.stringify(rec), rec.id, expectedVersion)
      return r.changes === 1
    },
    async list({ offset, limit }) {
      const docs = db.prepare('SELECT doc FROM campaigns ORDER BY starts_on DESC, id DESC LIMIT ? OFFSET ?').pluck().all(Math.max(0, limit), offset) as string[]
      const total = db.prepare('SELECT count(*) FROM campaigns').pluck().get() as number
      return { items: docs.map((d) => JSON.parse(d) as Campaign), total }
    },
  }
}

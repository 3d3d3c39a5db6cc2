import type { CampaignRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readOne, readPage } from './documents'

export function campaignRepository(db: Db): CampaignRepository {
  return {
    async insert(rec) {
      db.prepare('INSERT INTO campaigns (id, starts_on, version, doc) VALUES (?, ?, ?, ?)').run(rec.id, rec.startsOn, rec.version, JSON.stringify(rec))
    },
    async get(id) {
      return readOne(db, 'SELECT doc FROM campaigns WHERE id = ?', id)
    },
    async update(rec, expectedVersion) {
      return changedOne(db, 'UPDATE campaigns SET starts_on = ?, version = ?, doc = ? WHERE id = ? AND version = ?', rec.startsOn, rec.version, JSON.stringify(rec), rec.id, expectedVersion)
    },
    async list(page) {
      return readPage(db, 'campaigns', [], 'starts_on DESC, id DESC', page)
    },
  }
}

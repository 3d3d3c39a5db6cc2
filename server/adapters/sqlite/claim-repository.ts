import type { ClaimRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne } from './documents'

export function claimRepository(db: Db): ClaimRepository {
  return {
    async get(key) {
      return (db.prepare('SELECT key, holder FROM claims WHERE key = ?').get(key) as { key: string; holder: string } | undefined) ?? null
    },
    async create(key, holder) {
      return changedOne(db, 'INSERT INTO claims (key, holder) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', key, holder)
    },
    async release(key) {
      db.prepare('DELETE FROM claims WHERE key = ?').run(key)
    },
  }
}

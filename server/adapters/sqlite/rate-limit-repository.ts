import type { RateLimitRepository } from '../../ports'
import type { Db } from './connection'
import { readOne } from './documents'

export function rateLimitRepository(db: Db): RateLimitRepository {
  return {
    async get(key) {
      return readOne(db, 'SELECT doc FROM rate_limits WHERE key = ?', key)
    },
    async put(rec) {
      db.prepare('INSERT INTO rate_limits (key, doc) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET doc = excluded.doc').run(rec.key, JSON.stringify(rec))
    },
  }
}

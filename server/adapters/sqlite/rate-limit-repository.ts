import type { RateLimitRecord, RateLimitRepository } from '../../ports'
import type { Db } from './connection'

export function rateLimitRepository(db: Db): RateLimitRepository {
  return {
    async get(key) {
      const doc = db.prepare('SELECT doc FROM rate_limits WHERE key = ?').pluck().get(key) as string | undefined
      return doc ? (JSON.parse(doc) as RateLimitRecord) : null
    },
    async put(rec) {
      db.prepare('INSERT INTO rate_limits (key, doc) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET doc = excluded.doc').run(rec.key, JSON.stringify(rec))
    },
  }
}

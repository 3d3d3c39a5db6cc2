import type { IdempotencyRepository } from '../../ports'
import type { Db } from './connection'

export function idempotencyRepository(db: Db): IdempotencyRepository {
  return {
    async get(key) {
      const reply = db.prepare('SELECT reply FROM idempotency WHERE key = ?').pluck().get(key) as string | undefined
      return reply === undefined ? null : (JSON.parse(reply) as unknown)
    },
    async put(key, reply, at) {
      db.prepare('INSERT INTO idempotency (key, reply, at) VALUES (?, ?, ?)').run(key, JSON.stringify(reply), at)
    },
    async storedBefore(before, limit) {
      return db.prepare('SELECT key, at FROM idempotency WHERE at < ? ORDER BY at, key LIMIT ?').all(before, Math.max(0, limit)) as { key: string; at: string }[]
    },
    async remove(key, before) {
      return db.prepare('DELETE FROM idempotency WHERE key = ? AND at < ?').run(key, before).changes === 1
    },
  }
}

import type { OutboxEntry, OutboxRepository } from '../../ports'
import type { Db } from './connection'

export function outboxRepository(db: Db): OutboxRepository {
  const parse = (doc: string | undefined) => (doc ? (JSON.parse(doc) as OutboxEntry) : null)
  return {
    async enqueue(e) {
      const r = db
        .prepare('INSERT INTO outbox (key, status, attempts, next_attempt_at, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING')
        .run(e.key, e.status, e.attempts, e.nextAttemptAt, JSON.stringify(e))
      return r.changes === 1
    },
    async due(now, limit) {
      const docs = db
        .prepare("SELECT doc FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, key LIMIT ?")
        .pluck()
        .all(now, limit) as string[]
      return docs.map((d) => JSON.parse(d) as OutboxEntry)
    },
    async get(key) {
      return parse(db.prepare('SELECT doc FROM outbox WHERE key = ?').pluck().get(key) as string | undefined)
    },
    async update(e, expectedAttempts) {
      const r = db
        .prepare('UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, doc = ? WHERE key = ? AND attempts = ?')
        .run(e.status, e.attempts, e.nextAttemptAt, JSON.stringify(e), e.key, expectedAttempts)
      return r.changes === 1
    },
    async listByStatus(status, { offset, limit }) {
      const docs = db
        .prepare('SELECT doc FROM outbox WHERE status = ? ORDER BY next_attempt_at DESC, key DESC LIMIT ? OFFSET ?')
        .pluck()
        .all(status, limit, offset) as string[]
      const total = db.prepare('SELECT count(*) FROM outbox WHERE status = ?').pluck().get(status) as number
      return { items: docs.map((d) => JSON.parse(d) as OutboxEntry), total }
    },
  }
}

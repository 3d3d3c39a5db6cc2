import type { MessageRecord, MessageRepository, OutboxEntry, OutboxRepository } from '../../ports'
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

export function messageRepository(db: Db): MessageRepository {
  return {
    async add(m) {
      db.prepare('INSERT INTO messages (id, openid, created_at, read_at, doc) VALUES (?, ?, ?, ?, ?)').run(m.id, m.openid, m.createdAt, m.readAt, JSON.stringify(m))
    },
    async listFor(openid, { offset, limit }) {
      const rows = db
        .prepare('SELECT doc, read_at FROM messages WHERE openid = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?')
        .all(openid, limit, offset) as { doc: string; read_at: string | null }[]
      const total = db.prepare('SELECT count(*) FROM messages WHERE openid = ?').pluck().get(openid) as number
      return { items: rows.map((r) => ({ ...(JSON.parse(r.doc) as MessageRecord), readAt: r.read_at })), total }
    },
    async unreadCount(openid) {
      return db.prepare('SELECT count(*) FROM messages WHERE openid = ? AND read_at IS NULL').pluck().get(openid) as number
    },
    async markRead(openid, ids, at) {
      if (ids.length === 0) return 0
      const marks = ids.map(() => '?').join(',')
      return db.prepare(`UPDATE messages SET read_at = ? WHERE openid = ? AND read_at IS NULL AND id IN (${marks})`).run(at, openid, ...ids).changes
    },
  }
}

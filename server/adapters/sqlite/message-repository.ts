import type { MessageRecord, MessageRepository } from '../../ports'
import type { Db } from './connection'

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
    async createdBefore(before, limit) {
      const rows = db.prepare('SELECT doc, read_at FROM messages WHERE created_at < ? ORDER BY created_at, id LIMIT ?').all(before, Math.max(0, limit)) as { doc: string; read_at: string | null }[]
      return rows.map((r) => ({ ...(JSON.parse(r.doc) as MessageRecord), readAt: r.read_at }))
    },
    async remove(id) {
      return db.prepare('DELETE FROM messages WHERE id = ?').run(id).changes === 1
    },
  }
}

import type { UploadRecord, UploadRepository } from '../../ports'
import type { Db } from './connection'
import { readAll } from './documents'

export function uploadRepository(db: Db): UploadRepository {
  return {
    async add(u) {
      db.prepare('INSERT INTO uploads (key, created_at, doc) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING').run(u.key, u.createdAt, JSON.stringify(u))
    },
    async remove(key) {
      db.prepare('DELETE FROM uploads WHERE key = ?').run(key)
    },
    async removeMany(keys) {
      if (keys.length > 0) db.prepare('DELETE FROM uploads WHERE key IN (SELECT value FROM json_each(?))').run(JSON.stringify(keys))
    },
    async recentBy(openid, since, limit) {
      // uploads_by_person (migration 44)
      return readAll<UploadRecord>(db, "SELECT doc FROM uploads WHERE json_extract(doc, '$.openid') = ? AND created_at >= ? ORDER BY created_at, key LIMIT ?", openid, since, limit)
    },
    async olderThan(before, limit) {
      return readAll<UploadRecord>(db, 'SELECT doc FROM uploads WHERE created_at < ? ORDER BY created_at, key LIMIT ?', before, limit)
    },
  }
}

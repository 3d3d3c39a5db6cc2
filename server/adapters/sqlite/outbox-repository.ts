import type { OutboxRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readAll, readOne, readPage } from './documents'

export function outboxRepository(db: Db): OutboxRepository {
  return {
    async enqueue(e) {
      return changedOne(
        db,
        'INSERT INTO outbox (key, status, attempts, next_attempt_at, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING',
        ...[e.key, e.status, e.attempts, e.nextAttemptAt, JSON.stringify(e)],
      )
    },
    async due(now, limit) {
      return readAll(db, "SELECT doc FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, key LIMIT ?", now, limit)
    },
    async get(key) {
      return readOne(db, 'SELECT doc FROM outbox WHERE key = ?', key)
    },
    async update(e, expectedAttempts) {
      return changedOne(
        db,
        'UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, doc = ? WHERE key = ? AND attempts = ?',
        ...[e.status, e.attempts, e.nextAttemptAt, JSON.stringify(e), e.key, expectedAttempts],
      )
    },
    async listByStatus(status, page) {
      return readPage(db, 'outbox WHERE status = ?', [status], 'next_attempt_at DESC, key DESC', page)
    },
  }
}

import type { OutboxEntry } from '../../server/ports'

/** A pending outbox entry due at 2026-03-02T02:00Z, for store and delivery tests. */
export const outboxEntry = (key: string, over: Partial<OutboxEntry> = {}): OutboxEntry => ({
  key,
  kind: 'status-changed',
  recipientOpenid: 'alice',
  payload: { number: 'MLS-2026-000001', status: 'submitted' },
  status: 'pending',
  attempts: 0,
  nextAttemptAt: '2026-03-02T02:00:00.000Z',
  createdAt: '2026-03-02T02:00:00.000Z',
  sentAt: null,
  lastError: null,
  ...over,
})

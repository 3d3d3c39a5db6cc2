import type { ApplicationRecord, OutboxEntry } from '../../server/ports'

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

/** A submitted application of unit `u1` (the record as stored, its sensitive fields placeholders), overridable. */
export const applicationRecord = (id: string, over: Partial<ApplicationRecord> = {}): ApplicationRecord => ({
  id,
  number: `MLS-2026-${id}`,
  applicantOpenid: `w-${id}`,
  unitId: 'u1',
  status: 'submitted',
  version: 1,
  name: '张小明',
  idNumberEnc: 'v1.x',
  idNumberHash: `h-${id}`,
  phoneEnc: 'v1.y',
  employer: '弥勒市农机厂',
  mainCause: 'illness',
  timeline: [],
  createdAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z',
  ...over,
})

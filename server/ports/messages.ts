/** What reaches a person: in-app messages, and the outbox of subscribe messages with the notifier that sends them. */
import type { PageRequest } from './shared'

/** A notification waiting to be delivered outside the app (a WeChat subscribe message); at least once, once per key. */
export interface OutboxEntry {
  /** Deduplication key, e.g. `status:<applicationId>:<version>`; also the record's id. */
  key: string
  kind: 'status-changed'
  recipientOpenid: string
  /** What the message says; no sensitive values. */
  payload: Record<string, string>
  status: 'pending' | 'sent' | 'skipped' | 'failed'
  attempts: number
  /** ISO-8601 UTC: not before this. */
  nextAttemptAt: string
  createdAt: string
  sentAt: string | null
  lastError: string | null
  /** The delivery run holding the entry while it sends (random per run); null or absent when none does. */
  leaseId?: string | null
}

export interface OutboxRepository {
  /** Adds the entry; false (and nothing written) when its key is already there. */
  enqueue(entry: OutboxEntry): Promise<boolean>
  /** Pending entries whose nextAttemptAt is at or before `now`, earliest first. */
  due(now: string, limit: number): Promise<OutboxEntry[]>
  get(key: string): Promise<OutboxEntry | null>
  /** Writes back a delivery attempt when the stored attempts count is still `expectedAttempts`. */
  update(entry: OutboxEntry, expectedAttempts: number): Promise<boolean>
  /** Entries with this status, latest attempt first, and how many there are (e.g. the failed ones for an admin). A query. */
  listByStatus(status: OutboxEntry['status'], page: PageRequest): Promise<{ items: OutboxEntry[]; total: number }>
}

/** What became of one delivery attempt. */
export type DeliveryOutcome =
  /** Handed to WeChat. */
  | { status: 'sent' }
  /** Nothing to send, by design: the worker did not subscribe, no template is set, or this runtime has no channel. */
  | { status: 'skipped'; reason: string }
  /** Will not work on a retry either (e.g. the template rejects the data): kept as failed for a person to look at. */
  | { status: 'failed'; error: string }

/**
 * Sends outbox entries outside the app (WeChat subscribe messages). A thrown error is a transient
 * failure, retried with backoff. Not part of Deps: only the delivery run needs it.
 */
export interface Notifier {
  send(entry: OutboxEntry): Promise<DeliveryOutcome>
}

/** An in-app message to one person. */
export interface MessageRecord {
  id: string
  openid: string
  title: string
  body: string
  /** The application it is about, for a link. */
  applicationId: string | null
  createdAt: string
  readAt: string | null
}

export interface MessageRepository {
  add(message: MessageRecord): Promise<void>
  /** Newest first. */
  listFor(openid: string, page: PageRequest): Promise<{ items: MessageRecord[]; total: number }>
  unreadCount(openid: string): Promise<number>
  /** Marks the person's unread messages among `ids` as read; returns how many changed. */
  markRead(openid: string, ids: string[], at: string): Promise<number>
}

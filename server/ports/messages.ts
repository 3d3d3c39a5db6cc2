/** What reaches a person: in-app messages, and the outbox of subscribe messages with the notifier that sends them. */
import type { PageRequest } from './shared'

/** A notification waiting to be delivered outside the app (a WeChat subscribe message); at least once, once per key. */
export interface OutboxEntry {
  /** Deduplication key, e.g. `status:<applicationId>:<version>`; also the record's id. */
  key: string
  /** `status-changed`: a worker's application moved on; `cases-waiting`: a staff member's daily reminder of the cases in their queue. */
  kind: 'status-changed' | 'cases-waiting'
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
  /**
   * Nothing sent, by design: no template is set, the person holds no acceptance, or this runtime has
   * no channel. `noneLeft`: WeChat answered that the person holds no acceptance (43101), whatever we counted.
   */
  | { status: 'skipped'; reason: string; noneLeft?: boolean }
  /** Will not work on a retry either (e.g. the template rejects the data): kept as failed for a person to look at. */
  | { status: 'failed'; error: string }

/** The template an entry is sent with, and which value fills which of its keywords. */
export interface TemplateChoice {
  templateId: string
  /** Keyword (e.g. `thing3`) to value name (e.g. `body`). */
  fields: Record<string, string>
}

/**
 * Sends outbox entries outside the app (WeChat subscribe messages) with the template the delivery
 * run chose, after it took one of the recipient's acceptances. A thrown error is a transient
 * failure, retried with backoff. Not part of Deps: only the delivery run needs it.
 */
export interface Notifier {
  send(entry: OutboxEntry, template: TemplateChoice): Promise<DeliveryOutcome>
}

/**
 * One person's acceptances of one subscribe-message template. WeChat's subscriptions are one-time:
 * each acceptance in `requestSubscribeMessage` lets one message of that template reach that person.
 */
export interface SubscriptionRecord {
  openid: string
  templateId: string
  /** The policy's name for what the template says (`statusChanged`, `casesWaiting`). */
  kind: string
  /** Acceptances not yet spent. */
  remaining: number
  updatedAt: string
}

export interface SubscriptionRepository {
  get(openid: string, templateId: string): Promise<SubscriptionRecord | null>
  /** Records one more acceptance of `templateId` (a template of `kind`), at most `cap` held; the count held now. */
  accept(openid: string, templateId: string, kind: string, at: string, cap: number): Promise<number>
  /** Takes one acceptance: false (and nothing written) when none is left. */
  spend(openid: string, templateId: string, at: string): Promise<boolean>
  /** Gives back one taken for a message WeChat did not deliver. */
  refund(openid: string, templateId: string, at: string): Promise<void>
  /** None left: WeChat said so (43101) whatever we counted. */
  clear(openid: string, templateId: string, at: string): Promise<void>
  /** Acceptances held of templates of `kind`, at most `limit`, by openid. A query. */
  holders(kind: string, limit: number): Promise<SubscriptionRecord[]>
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
  /** Messages sent before `before`, oldest first (at most `limit`). A query. */
  createdBefore(before: string, limit: number): Promise<MessageRecord[]>
  /** Deletes the message; false when it was already gone. */
  remove(id: string): Promise<boolean>
}

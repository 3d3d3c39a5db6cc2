/** Records every context uses: paging, claims, counters, idempotent replies and the audit log. */

export interface PageRequest {
  offset: number
  limit: number
}

/**
 * A claim is a unique key held by one record, such as "this worker's open application" or
 * "this ID number's open application". Claims are read and written by key only, so they work
 * inside CloudBase transactions (which allow document operations only).
 */
export interface ClaimRepository {
  get(key: string): Promise<{ key: string; holder: string } | null>
  /** Creates the claim; false when the key is already held. */
  create(key: string, holder: string): Promise<boolean>
  release(key: string): Promise<void>
}

export interface CounterRepository {
  /** The next value of a named sequence, starting at 1. */
  next(name: string): Promise<number>
}

/** Replies stored under an idempotency key, so a retried write returns the first reply. */
export interface IdempotencyRepository {
  get(key: string): Promise<unknown | null>
  put(key: string, reply: unknown, at: string): Promise<void>
  /** Keys of replies stored before `before`, oldest first (at most `limit`). A query. */
  storedBefore(before: string, limit: number): Promise<{ key: string; at: string }[]>
  /** Deletes the reply stored under `key` if it was stored before `before`; false when it was not (gone, or stored again since). */
  remove(key: string, before: string): Promise<boolean>
}

/**
 * An append-only audit event, hash-chained within its stream: the record it is about (an
 * application, a household, a station, a staff member...), so unrelated writes never touch the
 * same chain. `seq` counts from 1 within the stream.
 */
export interface AuditEvent {
  stream: string
  seq: number
  at: string
  actor: string
  action: string
  subject: string
  /** No sensitive values: ids, statuses, field names. */
  detail: Record<string, unknown>
  prevHash: string
  hash: string
}

/** A stream's newest event. */
export interface AuditHead {
  stream: string
  seq: number
  hash: string
  /** The newest event's time. */
  at: string
}

/** Where a walk through all events stopped: the last event read. */
export type AuditCursor = { stream: string; seq: number }

/**
 * A periodic anchor: the heads of every stream that changed since the anchor before (with some
 * overlap), chained to that anchor. Its hash is sent to the admins, out of the database's reach.
 */
export interface AuditAnchor {
  n: number
  at: string
  heads: { stream: string; seq: number; hash: string }[]
  prevHash: string
  hash: string
}

export interface AuditRepository {
  /** The stream's newest event (seq and hash), or null for an empty stream. By key: works inside transactions. */
  head(stream: string): Promise<{ seq: number; hash: string } | null>
  /** Appends an event whose seq is its stream's head.seq + 1; false when another event took that seq first. */
  append(event: AuditEvent): Promise<boolean>
  /** Every event, by stream then seq, after `after` (null: from the start), at most `limit`. A query. */
  list(after: AuditCursor | null, limit: number): Promise<AuditEvent[]>
  /**
   * Heads of every stream whose newest event is at or after `since`, by stream (an anchor takes
   * them all). A query: the adapter reads in pages as its store needs, each event once.
   */
  headsSince(since: string): Promise<AuditHead[]>
  /** Adds the anchor; false when anchor `n` exists already. */
  addAnchor(anchor: AuditAnchor): Promise<boolean>
  /** Anchors from `fromN` on, in order, at most `limit`. */
  anchors(fromN: number, limit: number): Promise<AuditAnchor[]>
  /** The newest anchor, or null. */
  lastAnchor(): Promise<AuditAnchor | null>
}

/**
 * An upload path handed to a mini-program client (`wx.cloud.uploadFile`), until the file is
 * registered on its record. The timer deletes the file of one never registered.
 */
export interface UploadRecord {
  /** The file's key in the file store (a CloudBase fileID). */
  key: string
  openid: string
  /** The application the file was meant for: a file that it lists is never deleted. */
  applicationId: string
  createdAt: string
}

export interface UploadRepository {
  add(upload: UploadRecord): Promise<void>
  /** Forgets the upload (its file deleted); a missing one is not an error. */
  remove(key: string): Promise<void>
  /** Forgets these uploads (the sweep's batch): one request per 100 keys. Missing ones are not an error. A query. */
  removeMany(keys: readonly string[]): Promise<void>
  /** Uploads handed out before `before`, oldest first, at most `limit`. A query. */
  olderThan(before: string, limit: number): Promise<UploadRecord[]>
  /** This person's uploads handed out at or after `since`, oldest first (then by key), at most `limit` (the upload rate limit). A query. */
  recentBy(openid: string, since: string, limit: number): Promise<UploadRecord[]>
}

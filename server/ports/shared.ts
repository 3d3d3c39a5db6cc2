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
}

/** An append-only, hash-chained audit event. */
export interface AuditEvent {
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

export interface AuditRepository {
  /** The newest event's sequence number and hash, or null for an empty log. */
  head(): Promise<{ seq: number; hash: string } | null>
  /** Appends an event whose seq is head.seq + 1; false when another event took that seq first. */
  append(event: AuditEvent): Promise<boolean>
  /** Events in order, from `fromSeq` on, at most `limit`. */
  list(fromSeq: number, limit: number): Promise<AuditEvent[]>
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
  /** Forgets the upload (registered, or its file deleted); a missing one is not an error. */
  remove(key: string): Promise<void>
  /** Uploads handed out before `before`, oldest first, at most `limit`. A query. */
  olderThan(before: string, limit: number): Promise<UploadRecord[]>
}

/** Everything a use case may touch, and what it knows about the call. A composition root picks the adapters. */
import type { Readable, Writable } from 'node:stream'
import type { ApplicationRepository, CallTaskRepository } from './applications'
import type { InvitationRepository, OrgUnitRepository, PersonRequestRepository, PolicyRepository, RateLimitRepository, StaffRepository } from './admin'
import type { BudgetRepository, CampaignRepository, CheckRepository, ContactClockRepository, ContactRepository, EvidenceRepository, FigureRepository, HouseholdRepository, LedgerRepository, MeasureRepository } from './households'
import type { ExportJobRepository } from './export-jobs'
import type { MessageRepository, OutboxRepository, SubscriptionRepository } from './messages'
import type { AuditRepository, ClaimRepository, CounterRepository, IdempotencyRepository, UploadRepository } from './shared'
import type { ProblemReportRepository, StationRepository } from './stations'

/** The repositories a use case works with, either plain or bound to one transaction. */
export interface Repositories {
  applications: ApplicationRepository
  claims: ClaimRepository
  counters: CounterRepository
  idempotency: IdempotencyRepository
  audit: AuditRepository
  staff: StaffRepository
  units: OrgUnitRepository
  policies: PolicyRepository
  stations: StationRepository
  problemReports: ProblemReportRepository
  outbox: OutboxRepository
  messages: MessageRepository
  invitations: InvitationRepository
  rateLimits: RateLimitRepository
  households: HouseholdRepository
  measures: MeasureRepository
  ledger: LedgerRepository
  budgets: BudgetRepository
  contacts: ContactRepository
  campaigns: CampaignRepository
  checks: CheckRepository
  /** Photos backing check items and deregistration proposals. */
  evidence: EvidenceRepository
  /** The dashboard's figures, maintained by the store itself as households and the ledger are written. */
  figures: FigureRepository
  /** Overdue contacts, maintained by the store itself as households and contacts are written. */
  contactClocks: ContactClockRepository
  subscriptions: SubscriptionRepository
  uploads: UploadRepository
  exportJobs: ExportJobRepository
  personRequests: PersonRequestRepository
  callTasks: CallTaskRepository
}

/** A storage backend: repositories for single reads and writes, and transactions for the rest. */
export interface Store {
  repos: Repositories
  /** Runs `work` atomically: all its writes land, or none do when it throws. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>
  /**
   * Optional, where transactions never conflict (the embedded store writes one at a time): like
   * `transaction`, but the writes `work` made before calling `keep()` land even when it throws
   * after it; those after are rolled back, and the error is thrown once the kept writes are
   * committed (or with the store's own error when they could not be). It lets a use case put what
   * it would otherwise write in transactions of its own first (a rate limit, a counter) in one
   * commit with the rest. Without it (CloudBase, where those writes would conflict), run them apart.
   */
  transactionKeeping?<T>(work: (repos: Repositories, keep: () => void) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export interface Clock {
  now(): Date
}

export interface IdGenerator {
  /** A random, URL-safe, unguessable id. */
  newId(): string
}

/**
 * Encryption at rest and keyed hashing of sensitive values, under versioned data keys: every
 * sealed value and keyed hash names the key version that made it (`server/adapters/keys/key-versions.ts`).
 */
export interface Cipher {
  /** Seals `plain` under the current data key. */
  encrypt(plain: string): string
  /** Opens a value sealed under any data key version this process holds. */
  decrypt(sealed: string): string
  /** A keyed hash (HMAC) under the current data key, for finding equal values without decrypting. */
  keyedHash(value: string): string
  /**
   * The keyed hashes of `value` under every data key held, the current one first: what a lookup
   * must try while a rotation has not yet rewritten every stored hash.
   */
  keyedHashes(value: string): string[]
  /** The version of the data key new values are sealed and hashed with. */
  readonly keyVersion: number
  /** The data key version a sealed value or keyed hash was made with (read from the value itself); 0 for an empty or unkeyed one. */
  keyVersionOf(value: string | null | undefined): number
  /**
   * The audit chain's hash: HMAC-SHA256 under its own sub-key, so someone who can write to the
   * database but has no data key cannot rewrite an event and recompute the chain after it.
   */
  digest(text: string): string
}

/** The keys a deployment holds: its data keys by version, and the audit chain's key, held apart. */
export interface KeyMaterial {
  /** Data keys (32 bytes each) by version; `current` seals and hashes new values, the others only open old ones. */
  data: { current: number; keys: ReadonlyMap<number, Buffer> }
  /** The audit chain's HMAC key (32 bytes): not derived from any data key, so a leak of one gives nothing of the other. */
  audit: Buffer
}

/** Where the keys come from: key files locally, Tencent Cloud KMS or Secrets Manager in production. */
export interface KeyProvider {
  /** A short name for messages (`local-files`, `kms`, `ssm`, `env`). */
  readonly name: string
  load(): Promise<KeyMaterial>
}

/** Per-deployment settings the use cases read. */
export interface Settings {
  /** Prefix of application numbers, e.g. `MLS`. */
  applicationPrefix: string
  /** The unit an application belongs to when the worker's own union is not known yet. */
  defaultUnitId: string
  /** Public-holiday dates (`YYYY-MM-DD`, Asia/Shanghai); stations that close on holidays are closed on them. */
  publicHolidays?: readonly string[]
}

/** Everything a use case may touch. */
export interface Deps {
  store: Store
  clock: Clock
  ids: IdGenerator
  cipher: Cipher
  settings: Settings
  files: FileStore
}

/** Files (supporting documents): a folder of the data directory locally, CloudBase storage in production. */
export interface FileStore {
  /** Stores `bytes` at `path` (a relative path of safe characters); returns the key to read it by. */
  put(path: string, bytes: Uint8Array, contentType: string): Promise<string>
  /** The bytes under `key`, or null when there is none; at most `maxBytes` + 1 of them, so an oversized file shows as such. */
  get(key: string, maxBytes: number): Promise<Uint8Array | null>
  /** Removes the file; a missing one is not an error. */
  remove(key: string): Promise<void>
  /** Whether `key` names a file of this store under `prefix` (CloudBase: a fileID of this environment). */
  owns(key: string, prefix: string): boolean
  /** The key a file uploaded by a client to `path` will have (CloudBase: its fileID). */
  keyFor(path: string): Promise<string>
  /**
   * A link that serves the file to whoever holds it for `seconds`, then stops working (CloudBase:
   * `getTempFileURL` with that max age; locally a signed, expiring path of the local server).
   */
  temporaryUrl(key: string, seconds: number): Promise<string | null>
  /**
   * A file written as a stream (an export of any size): bytes written to `stream` go out as they
   * come (locally sealed into the folder, on CloudBase spooled to the function's temporary disk and
   * uploaded from there), so memory stays that of a chunk. `close` after the stream has finished.
   */
  create(path: string, contentType: string): Promise<FileSink>
  /** The bytes under `key` as a stream and their count, or null when there is none (a download of any size). */
  open(key: string): Promise<{ stream: Readable; size: number } | null>
}

/** A file being written by `FileStore.create`. */
export interface FileSink {
  /** Where the bytes go; end it, then `close`. Honours backpressure (`write` false: wait for `drain`). */
  stream: Writable
  /** Makes the file readable under its key; `size` is the bytes written. */
  close(): Promise<{ key: string; size: number }>
  /** Drops what was written (an export that failed halfway). */
  abort(): Promise<void>
}

/** What a use case knows about the call beyond its input. */
export interface CallContext {
  requestId: string | null
  /** Display name of a local demo identity; absent in WeChat. */
  displayName?: string
}

/** What the use cases need from the outside world. Each adapter implements these; a composition root picks one. */
import type { ApplicationStatus, TimelineEntry } from '../src/domain'
import type { HardshipCauseCode } from '../src/domain/hardship-causes'
import type { StaffRole } from '../src/domain/roles'

/** An application as stored: sensitive values encrypted, the ID number also as a keyed hash. */
export interface ApplicationRecord {
  id: string
  number: string
  applicantOpenid: string
  unitId: string
  status: ApplicationStatus
  /** Incremented by every change; decisions name the version they were made on. */
  version: number
  name: string
  idNumberEnc: string
  idNumberHash: string
  phoneEnc: string
  employer: string
  mainCause: HardshipCauseCode
  timeline: TimelineEntry[]
  /** ISO-8601 UTC. */
  createdAt: string
  updatedAt: string
}

export interface PageRequest {
  offset: number
  limit: number
}

export interface ApplicationRepository {
  insert(rec: ApplicationRecord): Promise<void>
  get(id: string): Promise<ApplicationRecord | null>
  /** Newest first. */
  listByApplicant(openid: string, page: PageRequest): Promise<{ items: ApplicationRecord[]; total: number }>
  /** Writes `rec` when the stored version is `expectedVersion`; false when it is stale or missing. */
  update(rec: ApplicationRecord, expectedVersion: number): Promise<boolean>
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

export interface StaffRecord {
  openid: string
  displayName: string
  unitId: string
  roles: StaffRole[]
  active: boolean
}

export interface StaffRepository {
  getByOpenid(openid: string): Promise<StaffRecord | null>
  put(staff: StaffRecord): Promise<void>
}

export interface OrgUnitRecord {
  id: string
  name: string
  parentId: string | null
  /** The ids from the root down to this unit, itself included: a subtree is every unit whose path holds an id. */
  path: string[]
}

export interface OrgUnitRepository {
  get(id: string): Promise<OrgUnitRecord | null>
  put(unit: OrgUnitRecord): Promise<void>
  children(parentId: string | null): Promise<OrgUnitRecord[]>
}

/** The repositories a use case works with, either plain or bound to one transaction. */
export interface Repositories {
  applications: ApplicationRepository
  claims: ClaimRepository
  counters: CounterRepository
  idempotency: IdempotencyRepository
  audit: AuditRepository
  staff: StaffRepository
  units: OrgUnitRepository
}

/** A storage backend: repositories for single reads and writes, and transactions for the rest. */
export interface Store {
  repos: Repositories
  /** Runs `work` atomically: all its writes land, or none do when it throws. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export interface Clock {
  now(): Date
}

export interface IdGenerator {
  /** A random, URL-safe, unguessable id. */
  newId(): string
}

/** Encryption at rest and keyed hashing of sensitive values. */
export interface Cipher {
  encrypt(plain: string): string
  decrypt(sealed: string): string
  /** A keyed hash (HMAC) for finding equal values without decrypting. */
  keyedHash(value: string): string
  /** A plain SHA-256 hex digest, for the audit chain. */
  digest(text: string): string
}

/** Per-deployment settings the use cases read. */
export interface Settings {
  /** Prefix of application numbers, e.g. `MLS`. */
  applicationPrefix: string
  /** The unit an application belongs to when the worker's own union is not known yet. */
  defaultUnitId: string
}

/** Everything a use case may touch. */
export interface Deps {
  store: Store
  clock: Clock
  ids: IdGenerator
  cipher: Cipher
  settings: Settings
}

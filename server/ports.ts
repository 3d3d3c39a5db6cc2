/** What the use cases need from the outside world. Each adapter implements these; a composition root picks one. */
import type { ApplicationStatus, TimelineEntry } from '../src/domain'
import type { ConsentRecord } from '../src/domain/consent'
import type { DocumentKind, DocumentType } from '../src/domain/documents'
import type { HardshipAssessment } from '../src/domain/self-check'
import type { ReviewEntry } from '../src/domain/review'
import type { CalendarDate } from '../src/domain/calendar'
import type { Campaign, CheckRecord } from '../src/domain/campaign'
import type { ContactEntry, Household, HouseholdStatus, Measure } from '../src/domain/household'
import type { DisbursementEntry } from '../src/domain/ledger'
import type { HardshipCauseCode } from '../src/domain/hardship-causes'
import type { StaffRole } from '../src/domain/roles'
import type { GeoPoint } from '../src/domain/geo'
import type { Amenity, ProblemKind, ReportStatus, Station, StationKind, StationStatus } from '../src/domain/station'

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
  /** The submitted national file form (ApplicationForm JSON), sealed as one value: all of it is personal data. Absent on drafts and thin-journey records. */
  formSealed?: string
  /** The worker's unsent edits (FormValues JSON, sealed) and the step they were on: a draft, or a returned application being fixed. */
  draft?: { valuesSealed: string; step: string; savedAt: string }
  /** The consent given before the sensitive fields, with the texts' versions and the time. */
  consent?: ConsentRecord
  /** The self-check estimate made from the submitted figures against the unit's policy. */
  assessment?: HardshipAssessment
  documents?: DocumentRecord[]
  /** Every submitted version, oldest first (the current one last): a resubmission keeps the earlier ones. */
  submissions?: SubmissionRecord[]
  /** Keyed hashes of the members' ID numbers (duplicate checks without decrypting). */
  memberIdHashes?: string[]
  /** Possible duplicates for the caseworker: an ID number of this household found in another application. */
  duplicateFlags?: DuplicateFlag[]
  /** Field paths (`applicant.idNumber`, `members.1.name`) the caseworker asked the worker to fix when returning it. */
  fieldsToFix?: string[]
  /** The union's review: every decision and record, oldest first (src/domain/review.ts). */
  review?: ReviewEntry[]
  /** Photos taken on the home visit; the bytes are in the FileStore. */
  visitPhotos?: DocumentRecord[]
  /** ISO-8601 UTC: when the case entered its current status (absent on records written before it existed: the timeline's last entry). */
  stageEnteredAt?: string
  /** ISO-8601 UTC: when the current stage is overdue, from the unit's policy; null when the stage has no deadline. */
  dueAt?: string | null
  /** ISO-8601 UTC: when the running public notice ends; null or absent when none is running (or its end is recorded). */
  noticeEndsAt?: string | null
  /** The household file the approval created. */
  householdId?: string
}

/**
 * A filed household (建档户): created when an application is approved and filed. The domain's
 * Household (typed, append-only history) plus the encrypted ID number, its keyed hash, and the
 * day of the latest contact (kept with the contact log, for lists and overdue checks).
 */
export type HouseholdRecord = Household & {
  idNumberEnc: string
  idNumberHash: string
  lastContactOn: CalendarDate | null
}

/** Which households a list or scan takes: units of a jurisdiction (at most 1000), optionally one status. */
export interface HouseholdQuery {
  unitIds: readonly string[]
  status?: HouseholdStatus
}

export interface HouseholdRepository {
  insert(rec: HouseholdRecord): Promise<void>
  get(id: string): Promise<HouseholdRecord | null>
  /** Writes `rec` when the stored version is `expectedVersion`; false when it is stale or missing. */
  update(rec: HouseholdRecord, expectedVersion: number): Promise<boolean>
  /** A page of households by file number, and how many there are. A query. */
  list(query: HouseholdQuery, page: PageRequest): Promise<{ items: HouseholdRecord[]; total: number }>
  /** The households with this file number or head's full name among the units. A query. */
  search(unitIds: readonly string[], text: string, limit: number): Promise<HouseholdRecord[]>
  /** Every household of the query after `afterId` in id order, `limit` at a time (dashboards, campaigns, exports). A query. */
  scan(query: HouseholdQuery, afterId: string | null, limit: number): Promise<HouseholdRecord[]>
}

/** An aid measure as stored. */
export type MeasureRecord = Measure & { unitId: string }

export interface MeasureRepository {
  insert(rec: MeasureRecord): Promise<void>
  get(id: string): Promise<MeasureRecord | null>
  update(rec: MeasureRecord, expectedVersion: number): Promise<boolean>
  /** A household's measures, oldest first (at most 200). A query. */
  listByHousehold(householdId: string): Promise<MeasureRecord[]>
}

/**
 * The aid ledger. Append-only by construction: there is no method that changes or removes an
 * entry; a correction is a reversing entry (src/domain/ledger.ts).
 */
export interface LedgerRepository {
  /** Adds the entry; fails when its id is taken. */
  append(entry: DisbursementEntry): Promise<void>
  get(id: string): Promise<DisbursementEntry | null>
  /** A household's entries, oldest first (at most 1000). A query. */
  listByHousehold(householdId: string): Promise<DisbursementEntry[]>
  /** Entries of these units paid in [from, to] (inclusive dates; absent: unbounded), after `afterId` in id order. A query. */
  scan(query: { unitIds: readonly string[]; from?: CalendarDate; to?: CalendarDate }, afterId: string | null, limit: number): Promise<DisbursementEntry[]>
}

/** A contact log entry as stored. */
export type ContactRecord = ContactEntry & { unitId: string }

export interface ContactRepository {
  add(rec: ContactRecord): Promise<void>
  /** A household's contacts, newest first. A query. */
  listByHousehold(householdId: string, page: PageRequest): Promise<{ items: ContactRecord[]; total: number }>
}

export interface CampaignRepository {
  insert(rec: Campaign): Promise<void>
  get(id: string): Promise<Campaign | null>
  update(rec: Campaign, expectedVersion: number): Promise<boolean>
  /** Newest first (by start date), and how many. A query. */
  list(page: PageRequest): Promise<{ items: Campaign[]; total: number }>
}

/** One household's check in one campaign; its id is `<campaignId>:<householdId>`. */
export interface CheckRepository {
  get(id: string): Promise<CheckRecord | null>
  /** Creates the record when `expectedVersion` is 0, else writes it at that version; false when stale or taken. */
  put(rec: CheckRecord, expectedVersion: number): Promise<boolean>
  /** A campaign's records after `afterId` in id order. A query. */
  scan(campaignId: string, afterId: string | null, limit: number): Promise<CheckRecord[]>
}

/** A supporting document attached to an application; the bytes are in the FileStore under `storageKey`. */
export interface DocumentRecord {
  id: string
  kind: DocumentKind
  fileName: string
  contentType: DocumentType
  size: number
  storageKey: string
  uploadedAt: string
}

/** One submitted version of the form. */
export interface SubmissionRecord {
  at: string
  formSealed: string
  /** Field paths changed from the version before (empty for the first). */
  changedFields: string[]
}

export interface DuplicateFlag {
  /** Where in this application: `applicant.idNumber` or `members.<i>.idNumber`. */
  field: string
  /** The other application holding the same ID number, as applicant or as member. */
  otherApplicationId: string
  as: 'applicant' | 'member'
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
}

export interface PageRequest {
  offset: number
  limit: number
}

/** A stage's cases in a jurisdiction, for the caseworker's queue. */
export interface QueueQuery {
  /** At most 1000 units. */
  unitIds: readonly string[]
  status: ApplicationStatus
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
  /** A stage's cases of these units, earliest deadline first (none last), then by id; and how many. A query. */
  queue(query: QueueQuery): Promise<{ items: ApplicationRecord[]; total: number }>
  /** How many cases of these units are in `status`, and how many of them were due before `now`. A query. */
  countStage(unitIds: readonly string[], status: ApplicationStatus, now: string): Promise<{ total: number; overdue: number }>
  /** The application with this number, or null. A query. */
  byNumber(number: string): Promise<ApplicationRecord | null>
  /** Applications of these units whose applicant has exactly this name, newest first (at most `limit`). A query. */
  byName(unitIds: readonly string[], name: string, limit: number): Promise<ApplicationRecord[]>
  /** Cases under public notice whose notice ended at or before `now`, earliest first. A query. */
  noticesEnded(now: string, limit: number): Promise<ApplicationRecord[]>
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
  /** Incremented by every admin change; absent on records written before it existed (read as 0). */
  version?: number
  /** ISO-8601 UTC: when the identity was bound by an invitation; absent for seeded staff. */
  boundAt?: string
}

export interface StaffRepository {
  getByOpenid(openid: string): Promise<StaffRecord | null>
  put(staff: StaffRecord): Promise<void>
  /** Staff of any of these units (at most 1000 ids), by openid, and how many there are. A query. */
  listByUnits(unitIds: readonly string[], page: PageRequest): Promise<{ items: StaffRecord[]; total: number }>
}

export interface OrgUnitRecord {
  id: string
  name: string
  parentId: string | null
  /** The ids from the root down to this unit, itself included: a subtree is every unit whose path holds an id. */
  path: string[]
  /**
   * Incremented by every change to the unit or to its list of children (a child created or moved
   * in or out), so a move planned from a query finds out in its transaction when anything it read
   * has changed. Absent on records written before it existed (read as 0).
   */
  version?: number
}

export interface OrgUnitRepository {
  get(id: string): Promise<OrgUnitRecord | null>
  put(unit: OrgUnitRecord): Promise<void>
  children(parentId: string | null): Promise<OrgUnitRecord[]>
  /** The unit and every unit below it (every unit whose path holds `rootId`), in no set order. A query. */
  subtree(rootId: string): Promise<OrgUnitRecord[]>
}

/** A one-time staff invitation. The code itself is never stored: the record's id is its keyed hash. */
export interface InvitationRecord {
  /** `cipher.keyedHash` of the normalised code, so a redemption finds it by _id inside a transaction. */
  id: string
  unitId: string
  roles: StaffRole[]
  /** The invitee's name as the admin typed it; becomes the staff record's display name. */
  displayName: string
  createdBy: string
  createdAt: string
  expiresAt: string
  status: 'open' | 'used' | 'revoked'
  usedBy: string | null
  usedAt: string | null
}

export interface InvitationRepository {
  /** Adds the invitation; fails when its id is taken (a code drawn twice). */
  insert(rec: InvitationRecord): Promise<void>
  get(id: string): Promise<InvitationRecord | null>
  /** Writes `rec` when the stored status is still `expectedStatus`; false otherwise (used or revoked meanwhile). */
  update(rec: InvitationRecord, expectedStatus: InvitationRecord['status']): Promise<boolean>
  /** Invitations for any of these units (at most 1000 ids), newest first, and how many there are. A query. */
  listByUnits(unitIds: readonly string[], page: PageRequest): Promise<{ items: InvitationRecord[]; total: number }>
}

/** A fixed-window counter of failed attempts, e.g. wrong invitation codes per caller. */
export interface RateLimitRecord {
  key: string
  count: number
  /** ISO-8601 UTC: when the current window began. */
  windowStart: string
}

/** Read and written by key only, so it works inside transactions. */
export interface RateLimitRepository {
  get(key: string): Promise<RateLimitRecord | null>
  put(rec: RateLimitRecord): Promise<void>
}

/** A unit's policy parameters, set by its union (never constants in code). */
export interface PolicyRecord {
  unitId: string
  /** The local 低保 line: integer fen per person per month. */
  dibaoLineFen: number
  /** Length of the 公示 period in days. */
  publicityDays: number
  /** Days a case may stay in a stage before it is overdue; a stage left out has no deadline. */
  stageDeadlineDays: Partial<Record<ApplicationStatus, number>>
  /** Subscribe-message template ids by message kind (e.g. `statusChanged`). */
  subscribeTemplateIds: Record<string, string>
  /**
   * Per message kind, which value fills which keyword of the union's chosen template, e.g.
   * `{ character_string1: 'number', phrase2: 'status', thing3: 'body', time4: 'time' }`;
   * absent: the default of server/adapters/cloudbase/subscribe-notifier.ts.
   */
  subscribeTemplateFields?: Record<string, Record<string, string>>
  /** 相对困难 below this per-capita monthly income, fen; absent: 2 × the 低保 line (domain.md). */
  relativeLineFen?: number
  /** 意外致困 when the year's hardship costs exceed this percentage of annual income; absent: 80 (domain.md). */
  accidentCostPercent?: number
  /** A filed household without a cadre's contact for this many days is overdue; absent: DEFAULT_CONTACT_OVERDUE_DAYS. */
  contactOverdueDays?: number
}

export interface PolicyRepository {
  get(unitId: string): Promise<PolicyRecord | null>
  /** Creates or replaces the unit's policy. */
  put(policy: PolicyRecord): Promise<void>
}

/** A station as stored: the domain record, its point in GCJ-02. */
export type StationRecord = Station

/** What `nearby` looks for: within `radiusM` of `point`, of these kinds, offering every listed amenity. */
export interface NearbyQuery {
  point: GeoPoint
  radiusM: number
  /** Empty or absent: every kind. */
  kinds?: readonly StationKind[]
  /** A station must offer all of them. */
  amenities?: readonly Amenity[]
  /** Empty or absent: every status. */
  statuses?: readonly StationStatus[]
  offset: number
  limit: number
}

export interface StationRepository {
  /** Creates or replaces the station with this id. Fails when another station holds its externalId. */
  upsert(rec: StationRecord): Promise<void>
  get(id: string): Promise<StationRecord | null>
  /** A query: not available inside a CloudBase transaction. */
  byExternalId(externalId: string): Promise<StationRecord | null>
  /** The stations holding any of these external ids, in no order. A query, like `byExternalId`. */
  byExternalIds(externalIds: readonly string[]): Promise<StationRecord[]>
  /**
   * Stations within the radius, nearest first (equal distances by id where the store can),
   * with their great-circle distance in metres; `offset`/`limit` page through that order.
   * A query: not available inside a CloudBase transaction.
   */
  nearby(query: NearbyQuery): Promise<{ station: StationRecord; distanceM: number }[]>
  /** Every station in id order, a page at a time (export). A query. */
  list(page: PageRequest): Promise<StationRecord[]>
  /** How many stations of each kind are not closed (the dashboard). A query. */
  countByKind(): Promise<Record<StationKind, number>>
}

/** A worker's report that a station's details are wrong (报告问题), for the admins' review list. */
export interface ProblemReportRecord {
  id: string
  stationId: string
  /** The station's name when reported, so the list reads well after a rename. */
  stationName: string
  problem: ProblemKind
  note: string
  reporterOpenid: string
  status: ReportStatus
  version: number
  createdAt: string
  decidedAt: string | null
  decidedBy: string | null
  decisionNote: string
}

export interface ProblemReportRepository {
  insert(rec: ProblemReportRecord): Promise<void>
  get(id: string): Promise<ProblemReportRecord | null>
  /** Writes `rec` when the stored version is `expectedVersion`; false when it is stale or missing. */
  update(rec: ProblemReportRecord, expectedVersion: number): Promise<boolean>
  /** Reports with this status, newest first, and how many there are. A query. */
  list(status: ReportStatus, page: PageRequest): Promise<{ items: ProblemReportRecord[]; total: number }>
}

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
  contacts: ContactRepository
  campaigns: CampaignRepository
  checks: CheckRepository
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
  /**
   * The audit chain's hash: HMAC-SHA256 under its own sub-key, so someone who can write to the
   * database but has no data key cannot rewrite an event and recompute the chain after it.
   */
  digest(text: string): string
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

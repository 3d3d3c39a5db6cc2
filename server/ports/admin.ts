/** The union as the admins run it: its tree of units, staff, invitations (with their rate limit) and policies. */
import type { ApplicationStatus } from '../../src/domain'
import type { StaffRole } from '../../src/domain/roles'
import type { PageRequest } from './shared'
import type { PersonRequestKind } from '../../src/domain/api/admin'

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
  /** Staff of any of these few units (at most 1000 ids: e.g. the units on a unit's path), by openid, and how many there are. A query. */
  listByUnits(unitIds: readonly string[], page: PageRequest): Promise<{ items: StaffRecord[]; total: number }>
  /** Up to `limit` staff of the units under `under` (however many), by openid, after `afterOpenid` (the first page: null). A query. */
  listUnder(under: string, afterOpenid: string | null, limit: number): Promise<StaffRecord[]>
  /** How many staff the units under `under` hold. A query. */
  countUnder(under: string): Promise<number>
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
  /** Up to `limit` children of the unit in id order after `afterId` (the first page: null): a page however many it has. A query. */
  childPage(parentId: string, afterId: string | null, limit: number): Promise<OrgUnitRecord[]>
  /** The units with these ids that exist, in no set order (a page's few units). A query. */
  getMany(ids: readonly string[]): Promise<OrgUnitRecord[]>
  /** The unit and every unit below it (every unit whose path holds `rootId`), in no set order. A query. */
  subtree(rootId: string): Promise<OrgUnitRecord[]>
  /**
   * After units' paths changed (a move, an import), the applications and households of those
   * units are found under their new paths: where the store keeps a unit's path on its records, it
   * rewrites them (outside transactions; idempotent, so running it again after a failure is safe).
   */
  spreadPaths(units: readonly OrgUnitRecord[]): Promise<void>
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
  /** `staff` binds a staff member; `takeover` hands an assisted application to the worker's own WeChat. Absent before data migration 005: staff. */
  kind?: InvitationKind
  /** The application a take-over code hands over. */
  applicationId?: string
}

export type InvitationKind = 'staff' | 'takeover'

export interface InvitationRepository {
  /** Adds the invitation; fails when its id is taken (a code drawn twice). */
  insert(rec: InvitationRecord): Promise<void>
  get(id: string): Promise<InvitationRecord | null>
  /** Writes `rec` when the stored status is still `expectedStatus`; false otherwise (used or revoked meanwhile). */
  update(rec: InvitationRecord, expectedStatus: InvitationRecord['status']): Promise<boolean>
  /**
   * Up to `limit` staff invitations (not take-over codes) of the units under `under` (however
   * many), newest first, after `after` (the first page: null). A query.
   */
  listUnder(under: string, after: { createdAt: string; id: string } | null, limit: number): Promise<InvitationRecord[]>
  /** How many staff invitations the units under `under` hold. A query. */
  countUnder(under: string): Promise<number>
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
  /** The union's retention schedule (read from the top unit's policy): how long each kind of record is kept. */
  retention?: RetentionSchedule
}


/** A person's request about their data, taken by staff, with the day it must be answered by. */
export interface PersonRequestRecord {
  // Kept in step with PersonRequestView of the API, less its computed days.
  id: string
  kind: PersonRequestKind
  /** The application the person's data is filed under. */
  applicationId: string
  unitId: string
  /** What the person asked, in the staff's words (no ID numbers). */
  note: string
  receivedOn: string
  /** The last day to answer (`receivedOn` + PERSON_REQUEST_DAYS). */
  dueOn: string
  status: 'open' | 'done' | 'refused'
  openedBy: string
  closedBy?: string
  closedAt?: string
  /** What was done, or why it was refused (PIPL art. 50: a refusal gives its reasons). */
  outcome?: string
  version: number
}

export interface PersonRequestRepository {
  get(id: string): Promise<PersonRequestRecord | null>
  /** Inserts at `expectedVersion` 0, else writes when the stored version is `expectedVersion`; false otherwise. */
  put(rec: PersonRequestRecord, expectedVersion: number): Promise<boolean>
  /**
   * Up to `limit` open requests of the units under `under` (however many), the soonest due first,
   * after (`dueOn`, `id`) of the last one shown (null: from the first). A query.
   */
  openUnder(under: string, after: { dueOn: string; id: string } | null, limit: number): Promise<PersonRequestRecord[]>
  /** How many requests are open under `under`. A query. */
  countOpenUnder(under: string): Promise<number>
  /** Requests closed (done or refused) before `before`, the earliest closed first (at most `limit`). A query. */
  closedBefore(before: string, limit: number): Promise<PersonRequestRecord[]>
  /** Deletes the request when the stored version is `expectedVersion`; false otherwise. */
  remove(id: string, expectedVersion: number): Promise<boolean>
}

/** Days each kind of personal record is kept before the timer deletes it (PIPL art. 19: no longer than the purpose needs); a kind left out is kept. */
export interface RetentionSchedule {
  /** Documents and visit photos of a rejected or withdrawn application, counted from its last change. */
  closedApplicationDocuments?: number
  /** A draft never submitted, with its uploaded documents, counted from its last save (the worker is told 7 days before). */
  abandonedDrafts?: number
  /** In-app messages, counted from when they were sent. */
  messages?: number
  /** Stored replies of retried requests (they repeat what the first reply showed), counted from the first reply. */
  requestReplies?: number
  /** A person's request once closed (done or refused): the record with its note and outcome; the audit events stay. */
  closedPersonRequests?: number
  /** The notes and next step of a household's contact log entry, counted from when it was written; the kind, day and who stay. */
  contactNotes?: number
  /** The notes of 电话联系 calls on a filed, rejected or withdrawn application, counted from its last change; the outcome, time and who stay. */
  callNotes?: number
  /** The documents and visit photos of a deregistered household's applications, counted from the household's last change (its deregistration). */
  deregisteredDocuments?: number
}

export interface PolicyRepository {
  get(unitId: string): Promise<PolicyRecord | null>
  /** Creates or replaces the unit's policy. */
  put(policy: PolicyRecord): Promise<void>
}

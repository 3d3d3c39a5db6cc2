/** Applications as stored, and their repository: the applicant's and the review's records. */
import type { ApplicationStatus, TimelineEntry } from '../../src/domain'
import type { CallReason, TypedBy } from '../../src/domain/assisted'
import type { ConsentRecord } from '../../src/domain/consent'
import type { DocumentKind, DocumentType } from '../../src/domain/documents'
import type { HardshipCauseCode } from '../../src/domain/hardship-causes'
import type { QueueStage, ReviewEntry } from '../../src/domain/review'
import type { HardshipAssessment } from '../../src/domain/self-check'
import type { PageRequest } from './shared'

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
  /** ISO-8601 UTC: when the retention schedule deleted the documents and photos of this closed application. */
  documentsPurgedAt?: string
  /** ISO-8601 UTC: when the retention schedule deleted the notes of this closed application's 电话联系 calls. */
  callNotesPurgedAt?: string
  /** 代为申请: who typed it, when the worker did not (with the typist's openid, kept on the server). */
  typedBy?: TypedBy & { openid: string }
  /** The submit's reply under its request id: a retried submit gets it (no idempotency document is written). */
  submitReply?: { key: string; target: string; reply: { id: string; number: string; status: ApplicationStatus; version: number } }
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
  /** The form as submitted then; absent on the current (last) one, whose form is the record's `formSealed` (stored once: `submittedForms`). */
  formSealed?: string
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



/** Where a queue page starts: after the case with this deadline (null: none) and id. */
export interface QueueCursor {
  dueAt: string | null
  id: string
}

/** A page of one stage's cases of a jurisdiction, in queue order, after a cursor (the first page: null). */
export interface QueuePageQuery {
  /** The jurisdiction's top unit: every unit whose path holds it, however many. */
  under: string
  status: ApplicationStatus
  after: QueueCursor | null
  limit: number
}

export interface ApplicationRepository {
  insert(rec: ApplicationRecord): Promise<void>
  /** Up to `limit` records still depending on a data key older than `version` (what a key rotation has left), in id order, and how many there are. A query. */
  underOldKey(version: number, limit: number): Promise<{ items: ApplicationRecord[]; remaining: number }>
  get(id: string): Promise<ApplicationRecord | null>
  /** The applications with these ids that exist, in no set order: a few queries however many (an export's page). A query. */
  getMany(ids: readonly string[]): Promise<ApplicationRecord[]>
  /** Newest first. */
  listByApplicant(openid: string, page: PageRequest): Promise<{ items: ApplicationRecord[]; total: number }>
  /** Writes `rec` when the stored version is `expectedVersion`; false when it is stale or missing. */
  update(rec: ApplicationRecord, expectedVersion: number): Promise<boolean>
  /**
   * A stage's cases of the units under `under`, earliest deadline first (none last), then by id,
   * after the cursor: a read in index order however deep or large the jurisdiction. Only the
   * queue's stages (QUEUE_STAGES). A query.
   */
  queuePage(query: QueuePageQuery): Promise<ApplicationRecord[]>
  /** For each of the queue's stages, how many cases the units under `under` hold and how many were due before `now`: from counters kept as cases change (no scan of a stage). A query. */
  stageCountsUnder(under: string, now: string): Promise<Record<QueueStage, { total: number; overdue: number }>>
  /**
   * How many applications the units under `under` hold in each status (drafts are not counted: 0),
   * from counts kept as applications change (SQLite) or counted on the index by unit path and status
   * (CloudBase): however many units and applications. A query.
   */
  statusCountsUnder(under: string): Promise<Record<ApplicationStatus, number>>
  /** The application with this number, or null. A query. */
  byNumber(number: string): Promise<ApplicationRecord | null>
  /** Applications of the units under `under` whose applicant has exactly this name, newest first (at most `limit`). A query. */
  byName(under: string, name: string, limit: number): Promise<ApplicationRecord[]>
  /** 代为申请 drafts (not yet submitted) typed by the staff member with this openid, last changed first (at most `limit`). A query. */
  assistedDrafts(typistOpenid: string, limit: number): Promise<ApplicationRecord[]>
  /** Returned cases whose deadline for resubmission passed at or before `now`, earliest first. A query. */
  returnedOverdue(now: string, limit: number): Promise<ApplicationRecord[]>
  /** Cases under public notice whose notice ended at or before `now`, earliest first. A query. */
  noticesEnded(now: string, limit: number): Promise<ApplicationRecord[]>
  /**
   * Up to `limit` cases of the units under `under` (however many) whose notice runs at `now`,
   * the earliest to end first, after `after` (the first page: null): one index range. A query.
   */
  noticesUnder(under: string, now: string, after: { endsAt: string; id: string } | null, limit: number): Promise<ApplicationRecord[]>
  /** How many cases of the units under `under` are under a notice that runs at `now`. A query. */
  countNoticesUnder(under: string, now: string): Promise<number>
  /** Rejected or withdrawn applications last changed before `before` whose documents the retention schedule has not yet deleted, oldest first. A query. */
  closedBefore(before: string, limit: number): Promise<ApplicationRecord[]>
  /** Drafts last saved before `before`, oldest first, skipping `offset` of them (at most `limit`). A query. */
  staleDrafts(before: string, offset: number, limit: number): Promise<ApplicationRecord[]>
  /** Filed, rejected or withdrawn applications last changed before `before` whose call notes the retention schedule has not yet deleted, oldest first. A query. */
  callNotesBefore(before: string, limit: number): Promise<ApplicationRecord[]>
}

/** 电话联系: one open task per case at most; its reasons accumulate until a call reaches the worker. */
export interface CallTaskRecord {
  /** `call:<applicationId>`, so it is read by id inside a transaction. */
  id: string
  applicationId: string
  unitId: string
  status: 'open' | 'done'
  /** ISO-8601 UTC: when it (last) opened; the queue shows the oldest first. */
  openedAt: string
  reasons: CallReason[]
  /** Every occasion that opened it (e.g. `returned-overdue:<stageEnteredAt>`), so one occasion opens it once. */
  occasions: string[]
  /** Calls logged while it was open. */
  attempts: number
  doneAt: string | null
}

export interface CallTaskRepository {
  get(id: string): Promise<CallTaskRecord | null>
  /** Creates or replaces it. */
  put(task: CallTaskRecord): Promise<void>
  /**
   * Up to `limit` open tasks of the units under `under` (every unit whose path holds it, however
   * many), oldest first, after `after` (the first page: null): one range of an index, however deep
   * the page. A query.
   */
  openUnder(under: string, after: { openedAt: string; id: string } | null, limit: number): Promise<CallTaskRecord[]>
  /** How many open tasks the units under `under` hold. A query. */
  countOpenUnder(under: string): Promise<number>
}

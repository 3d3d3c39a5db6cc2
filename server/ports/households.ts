/** Filed households and what hangs off them: measures, the ledger, contacts, campaigns and their checks. */
import type { CalendarDate } from '../../src/domain/calendar'
import type { Campaign, CheckRecord } from '../../src/domain/campaign'
import type { ContactEntry, Household, HouseholdStatus, Measure } from '../../src/domain/household'
import type { Budget } from '../../src/domain/budget'
import type { DisbursementEntry, EntryDecision } from '../../src/domain/ledger'
import type { MonthRow } from '../../src/domain/figures'
import type { PageRequest } from './shared'

/**
 * A filed household (建档户): created when an application is approved and filed. The domain's
 * Household (typed, append-only history) plus the encrypted ID number, its keyed hash, and the
 * day of the latest contact (kept with the contact log, for lists and overdue checks).
 */
export type HouseholdRecord = Household & {
  idNumberEnc: string
  idNumberHash: string
  lastContactOn: CalendarDate | null
  /** ISO-8601 UTC: when the retention schedule deleted the documents of its applications after its deregistration (dropped when it is filed again). */
  documentsPurgedAt?: string
}

/** What a ledger row names of a household: its file number and head's name (unmasked: the caller masks it). */
export type HouseholdName = Pick<HouseholdRecord, 'id' | 'number' | 'headName'>

/** A page of a jurisdiction's households by file number, after a cursor (the first page: null). */
export interface HouseholdPageQuery {
  /** The jurisdiction's top unit: every unit whose path holds it, however many. */
  under: string
  status?: HouseholdStatus
  after: { number: string; id: string } | null
  limit: number
}

export interface HouseholdRepository {
  insert(rec: HouseholdRecord): Promise<void>
  /** Up to `limit` records still depending on a data key older than `version` (what a key rotation has left), in id order, and how many there are. A query. */
  underOldKey(version: number, limit: number): Promise<{ items: HouseholdRecord[]; remaining: number }>
  get(id: string): Promise<HouseholdRecord | null>
  /** The households of these ids that exist (at most 1000 ids), in no particular order. A query. */
  getMany(ids: readonly string[]): Promise<HouseholdRecord[]>
  /** The file numbers and heads' names of the households of these ids that exist (at most 1000 ids), in no particular order: what a ledger row names. A query. */
  names(ids: readonly string[]): Promise<HouseholdName[]>
  /** Writes `rec` when the stored version is `expectedVersion`; false when it is stale or missing. */
  update(rec: HouseholdRecord, expectedVersion: number): Promise<boolean>
  /** A page of the households under `query.under` by file number (then id) after the cursor: a read in index order however deep or large the jurisdiction (lists, and every scan: dashboards, campaigns, exports). A query. */
  listPage(query: HouseholdPageQuery): Promise<HouseholdRecord[]>
  /** How many households are under `under` (of `status` when given), from counters kept as households change. A query. */
  countUnder(under: string, status?: HouseholdStatus): Promise<number>
  /** The households with this file number or head's full name under `under`. A query. */
  search(under: string, text: string, limit: number): Promise<HouseholdRecord[]>
  /** Deregistered households last changed before `before` whose applications' documents the retention schedule has not yet deleted, oldest first. A query. */
  deregisteredBefore(before: string, limit: number): Promise<HouseholdRecord[]>
}

/** An aid measure as stored. */
export type MeasureRecord = Measure & { unitId: string }

export interface MeasureRepository {
  insert(rec: MeasureRecord): Promise<void>
  get(id: string): Promise<MeasureRecord | null>
  /** The measures with these ids that exist, in no set order: a few queries however many. A query. */
  getMany(ids: readonly string[]): Promise<MeasureRecord[]>
  update(rec: MeasureRecord, expectedVersion: number): Promise<boolean>
  /** A household's measures, oldest first (at most 200). A query. */
  listByHousehold(householdId: string): Promise<MeasureRecord[]>
}

/**
 * The aid ledger. Append-only by construction: there is no method that changes an entry's facts
 * or removes one; a correction is a reversing entry (src/domain/ledger.ts). The one change is the
 * decision on a pending entry, once.
 */
export interface LedgerRepository {
  /** Adds the entry; fails when its id is taken. */
  append(entry: DisbursementEntry): Promise<void>
  /** Writes the decision on a pending entry (its status and decision, nothing else); false when it is not pending or missing. */
  decide(id: string, decision: EntryDecision): Promise<boolean>
  /**
   * Up to `limit` pending entries of the units under `under` (however many), oldest first, after
   * (`createdAt`, `id`) of the last one shown (null: from the first). A query.
   */
  pendingUnder(under: string, after: { createdAt: string; id: string } | null, limit: number): Promise<DisbursementEntry[]>
  /** How many entries are pending under `under`; with `recordedBy`, only those that person recorded (few). A query. */
  countPendingUnder(under: string, recordedBy?: string): Promise<number>
  get(id: string): Promise<DisbursementEntry | null>
  /** A household's entries, oldest first (at most 1000). A query. */
  listByHousehold(householdId: string): Promise<DisbursementEntry[]>
  /**
   * Up to `limit` approved entries of the units under `under` (however many) paid in [from, to]
   * (either end open), by the day paid then id, after (`paidOn`, `id`) of the last one read (null:
   * from the first). A query.
   */
  approvedUnder(under: string, range: LedgerRange, after: LedgerCursor | null, limit: number): Promise<DisbursementEntry[]>
  /** How many approved entries under `under` were paid in [from, to]. A query. */
  countApprovedUnder(under: string, range: LedgerRange): Promise<number>
}

/** Days paid, both ends inclusive; an absent end is open. */
export interface LedgerRange {
  from?: CalendarDate
  to?: CalendarDate
}

/** Where a read of the ledger by day paid goes on: after this entry. */
export interface LedgerCursor {
  paidOn: CalendarDate
  id: string
}

/** Budgets per unit, year and fund source; read and written by id inside transactions. */
export interface BudgetRepository {
  get(id: string): Promise<Budget | null>
  /** Creates the budget when `expectedVersion` is 0, else writes it at that version; false when stale or taken. */
  put(rec: Budget, expectedVersion: number): Promise<boolean>
  /** The budgets with these ids that exist (a page of units' few, by `budgetIdOf`), in no set order. A query. */
  getMany(ids: readonly string[]): Promise<Budget[]>
}

/** A contact log entry as stored. */
export type ContactRecord = ContactEntry & {
  unitId: string
  /** ISO-8601 UTC: when the retention schedule deleted its notes and next step. */
  notesPurgedAt?: string
}

export interface ContactRepository {
  add(rec: ContactRecord): Promise<void>
  /** A household's contacts, newest first. A query. */
  listByHousehold(householdId: string, page: PageRequest): Promise<{ items: ContactRecord[]; total: number }>
  /** Entries written before `before` whose notes the retention schedule has not yet deleted, oldest first. A query. */
  notesBefore(before: string, limit: number): Promise<ContactRecord[]>
  /** Empties the entry's notes and next step and marks when; false when it is gone or was already emptied. */
  clearNotes(id: string, at: string): Promise<boolean>
}

export interface CampaignRepository {
  insert(rec: Campaign): Promise<void>
  get(id: string): Promise<Campaign | null>
  update(rec: Campaign, expectedVersion: number): Promise<boolean>
  /** Newest first (by start date), and how many. A query. */
  list(page: PageRequest): Promise<{ items: Campaign[]; total: number }>
  /**
   * Up to `limit` campaigns whose scope overlaps the subtree of `unit` (a scope unit under it or
   * above it, in a tree of any size), newest first (start date, then id descending), after
   * (`startsOn`, `id`) of the last one shown (null: from the first). A query.
   */
  listFor(unit: { id: string; path: readonly string[] }, after: { startsOn: string; id: string } | null, limit: number): Promise<Campaign[]>
  /** How many campaigns `listFor` finds for `unit`. A query. */
  countFor(unit: { id: string; path: readonly string[] }): Promise<number>
}

/** One household's check in one campaign; its id is `<campaignId>:<householdId>`. */
export interface CheckRepository {
  get(id: string): Promise<CheckRecord | null>
  /** Creates the record when `expectedVersion` is 0, else writes it at that version; false when stale or taken. */
  put(rec: CheckRecord, expectedVersion: number): Promise<boolean>
  /** A campaign's records after `afterId` in id order. A query. */
  scan(campaignId: string, afterId: string | null, limit: number): Promise<CheckRecord[]>
  /** A campaign's records of households under `unitId`: all six confirmed, kept, proposed for deregistration. A query. */
  countUnder(campaignId: string, unitId: string): Promise<CheckCounts>
}

/** Check records counted by what they say (campaignProgress's figures besides the scope). */
export interface CheckCounts {
  checked: number
  kept: number
  proposedDeregistration: number
}

/** A household overdue for contact at the end of a day, as the dashboard lists it. */
export interface OverdueEntry {
  householdId: string
  unitId: string
  /** What the days without contact count from: the last contact, else the filing. */
  anchorOn: CalendarDate
  contactOn: CalendarDate | null
}

/**
 * Overdue contacts kept by the store as households and contacts are written: each household's
 * overdue spells (src/domain/contact-spells.ts) under every unit above it, so a count is two index
 * ranges whatever the number of households.
 */
export interface ContactClockRepository {
  /** Households under `unitId` (its subtree) overdue at the end of `day`. A query. */
  overdueCount(unitId: string, day: CalendarDate): Promise<number>
  /** Up to `limit` of them, longest without contact first, then by household id. A query. */
  overdueLongest(unitId: string, day: CalendarDate, limit: number): Promise<OverdueEntry[]>
  /** Households under `unitId` on file at the instant `at` (ISO-8601 UTC; a campaign's scope). A query. */
  filedCount(unitId: string, at: string): Promise<number>
  /**
   * Writes the household's spells afresh from its record and contact log (a migration's backfill,
   * or after its policy's overdue days changed); false when the household does not exist.
   */
  rebuild(householdId: string): Promise<boolean>
  /**
   * Rebuilds every household under the unit and says how many: after the overdue days of its
   * policy changed or it moved in the tree. Reads a page at a time (not inside a transaction).
   */
  rebuildUnder(unitId: string): Promise<number>
}

/**
 * A photo backing a household's 户户清 item answered 有变化 or its deregistration proposal (脱困证明):
 * a private file, registered to the household, referenced by id from the check item or the
 * proposal. Never changed; removed only with the household's documents by the retention schedule.
 */
export interface EvidenceRecord {
  id: string
  householdId: string
  unitId: string
  fileName: string
  contentType: 'image/jpeg' | 'image/png'
  size: number
  storageKey: string
  uploadedAt: string
  uploadedBy: string
}

export interface EvidenceRepository {
  /** Adds the record; false when its id is taken (the same upload registered again). */
  add(rec: EvidenceRecord): Promise<boolean>
  get(id: string): Promise<EvidenceRecord | null>
  /** The records with these ids that exist, in no set order. A query. */
  getMany(ids: readonly string[]): Promise<EvidenceRecord[]>
  /** A household's evidence, oldest first (at most `limit`). A query. */
  listByHousehold(householdId: string, limit: number): Promise<EvidenceRecord[]>
  /** Removes it; false when it was gone. */
  remove(id: string): Promise<boolean>
}

/**
 * The dashboard's figures per unit and month (src/domain/figures.ts), kept up to date by the store
 * as households and ledger entries are written: a unit's row sums its whole subtree.
 */
export interface FigureRepository {
  /**
   * The month rows of `unitId` up to `toMonth` (`YYYY-MM`) and its rows `also` (a range's
   * `extraRows`), as last folded (a store that defers the fold shows changes once the timer has
   * folded them). A query.
   */
  rows(unitId: string, toMonth: string, also?: readonly string[]): Promise<MonthRow[]>
  /**
   * Folds the households written since the last fold into the rows, up to `limit` of them, and
   * says how many (the timer's work on a store that defers it; 0 on one that folds as it writes).
   */
  foldPending(limit: number): Promise<number>
  /**
   * `unitId`'s branch moved from under the units `from` (its old ancestors) to under `to` (its
   * new ones): its rows leave the old ancestors' rows and join the new ones'. In the move's
   * transaction; `months` are the branch's months read before it (a store that allows queries
   * there reads them again).
   */
  moveBranch(unitId: string, from: readonly string[], to: readonly string[], months: readonly string[]): Promise<void>
}

/** Export jobs: an export of any size written in parts, each part within a function's timeout. */
import type { LedgerCursor, LedgerRange } from './households'

export type ExportJobState = 'running' | 'ready' | 'failed'

/** Where the next part of a household export starts: after this household in (file number, id) order, or at the start (null). */
export interface ExportJobCursor {
  after: { number: string; id: string } | null
}

/** Where the next part of a ledger export starts: after the last entry written, by day paid (null: the first). */
export interface LedgerJobCursor {
  after: LedgerCursor | null
}

/** One part's rows, in the private file store (gzip of the sheet's rows: XML rows for XLSX, lines for CSV). */
export interface ExportJobPart {
  key: string
  rows: number
}

/** The finished file, handed over as an export is (its link re-issued on each status call until `expiresAt`). */
export interface ExportJobFile {
  key: string
  fileName: string
  contentType: string
  size: number
  rows: number
  /** When its link ends (the export's handover: 10 minutes masked, 5 full). */
  expiresAt: string
  /** A full export's receipt (see export-receipts.ts). */
  receipt?: string
}

/**
 * An export started by one member of staff: what (kind, format, masked or full with its reason, the
 * unit whose subtree), its progress and where the next part starts. Parts take a lease, so two
 * runners never write the same part; a part's rows count only when its cursor is saved with it.
 */
export interface ExportJobRecord {
  id: string
  /** Who started it: every part reads with this person's jurisdiction and roles as they are then. */
  openid: string
  /** What is exported: the household roll or the aid ledger (帮扶资金台账). */
  kind: 'households' | 'ledger'
  format: 'csv' | 'xlsx'
  masked: boolean
  /** A full export's reason (audited); null when masked. */
  reason: string | null
  /** The unit whose subtree is exported (the starter's own unit when none was asked for). */
  unitId: string
  /** The request id it was started with (a retried start finds the same job), or null. */
  requestId: string | null
  createdAt: string
  updatedAt: string
  state: ExportJobState
  /** The ledger's days paid (a ledger export's range; absent for households). */
  range?: LedgerRange
  /** Households (entries of the ledger) in the jurisdiction when it started (the page shows 共 M 户 / 条). */
  total: number
  /** Rows written in saved parts. */
  done: number
  cursor: ExportJobCursor | LedgerJobCursor
  /** The end of the data was reached: what is left is putting the parts together. */
  scanned: boolean
  /** XLSX column widths, fixed by the first page (as a one-shot export fixes them). */
  widths: number[] | null
  parts: ExportJobPart[]
  /** The part being written: who holds it until when, and the file it writes (removed by whoever takes over after a crash). */
  lease: { id: string; until: string; key: string | null } | null
  file: ExportJobFile | null
  /** A failed job's message for the page. */
  error: string | null
  /** When the timer's sweep removes the record and any file left of it. */
  expiresAt: string
  /** Incremented by every write; a write at another version is refused. */
  version: number
}

export interface ExportJobRepository {
  get(id: string): Promise<ExportJobRecord | null>
  /** Adds the job unless one with its id exists; false when one did. */
  add(job: ExportJobRecord): Promise<boolean>
  /** Writes `job` (its `version` already incremented) when the stored one is at `version - 1`; false otherwise. */
  update(job: ExportJobRecord): Promise<boolean>
  remove(id: string): Promise<void>
  /** Running jobs whose lease ended before `now` (or with none), oldest first, at most `limit`. A query. */
  due(now: string, limit: number): Promise<ExportJobRecord[]>
  /** Jobs whose `expiresAt` is before `now`, at most `limit`. A query. */
  expired(now: string, limit: number): Promise<ExportJobRecord[]>
}

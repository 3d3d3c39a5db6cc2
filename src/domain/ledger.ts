import type { CalendarDate } from './calendar'
import { FUND_SOURCE_CODES, type FundSource } from './household-codes'

/**
 * The aid ledger (帮扶资金台账): append-only money records per household. An entry's facts (amount,
 * source, dates, who recorded it) are never edited or deleted; a correction is a reversal carrying
 * the negative of the payment it reverses, with a reason, and a corrected payment recorded anew.
 * Amounts are integer fen.
 *
 * Four eyes: every entry is recorded `pending`, and counts nowhere (totals, the dashboard, exports)
 * until another reviewer covering the household approves it; a rejected entry never counts. The
 * decision is the only thing that changes on an entry, once, from pending.
 *
 * A reversal carries the payment's `paidOn`, so figures for any period show the corrected amount
 * (the mistaken payment nets to zero where it was dated); `createdAt` says when it was recorded.
 */

/** A staff member as the ledger names them. */
export interface LedgerActor {
  openid: string
  name: string
}

export const ENTRY_STATUSES = [
  { code: 'pending', label: '待审批' },
  { code: 'approved', label: '已审批' },
  { code: 'rejected', label: '已驳回' },
] as const
export type EntryStatus = (typeof ENTRY_STATUSES)[number]['code']

/** A second person's decision on an entry. */
export interface EntryDecision {
  status: 'approved' | 'rejected'
  by: string
  byName: string
  /** ISO-8601 UTC. */
  at: string
  /** Why it was rejected; '' when approved. */
  note: string
  /** Recorded before approvals existed: `by` is the approver the recorder named then (migrated as approved). */
  legacy?: true
}

interface EntryCommon {
  id: string
  householdId: string
  /** The household's unit when the entry was made (jurisdiction filters by it). */
  unitId: string
  fundSource: FundSource
  /** The measure the money serves, if any. */
  measureId: string | null
  /** The day the money was paid, Asia/Shanghai. */
  paidOn: CalendarDate
  /** E.g. `6222 **** 0123`. */
  payeeAccountMasked: string
  recordedBy: string
  recordedByName: string
  note: string
  /** ISO-8601 UTC: when it was written. */
  createdAt: string
  /** The budget the entry draws on (`budgetIdOf`); null for entries recorded before budgets. */
  budgetId: string | null
  status: EntryStatus
  /** Null while pending. */
  decision: EntryDecision | null
  /** Brought in from the national system's ledger by `import:households`, approved there. */
  migrated?: true
}

/** One ledger line: a payment (positive fen) or the reversal of one (its exact negative). */
export type DisbursementEntry =
  | (EntryCommon & { kind: 'payment'; amountFen: number; reversesId: null; reason: '' })
  | (EntryCommon & { kind: 'reversal'; amountFen: number; reversesId: string; reason: string })

/** A payment: money that went to a household. */
export type PaymentEntry = Extract<DisbursementEntry, { kind: 'payment' }>
/** A reversal: cancels one payment in full. */
export type ReversalEntry = Extract<DisbursementEntry, { kind: 'reversal' }>

/** Why an entry cannot be written or decided, in the contract's terms. */
export interface LedgerProblem {
  code: 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN'
  message: string
  field?: string
}

/** The entry (or ledger) made, or why not. */
export type LedgerResult<T> = { ok: true; value: T } | ({ ok: false } & LedgerProblem)

const fail = (code: LedgerProblem['code'], message: string, field?: string): { ok: false } & LedgerProblem =>
  field ? { ok: false, code, message, field } : { ok: false, code, message }

/** Whether the entry counts in totals, the dashboard and exports: approved by a second person. */
export const counts = (e: Pick<DisbursementEntry, 'status'>): boolean => e.status === 'approved'

/** What a payment is made of besides who wrote it and when. */
export interface PaymentFacts {
  householdId: string
  unitId: string
  amountFen: number
  fundSource: FundSource
  measureId: string | null
  paidOn: CalendarDate
  payeeAccountMasked: string
  note: string
}

/** A pending payment entry from checked facts (see `RecordPaymentSchema`). */
export function makePayment(facts: PaymentFacts, meta: { id: string; by: LedgerActor; at: string; budgetId: string | null }): PaymentEntry {
  return {
    id: meta.id,
    kind: 'payment',
    ...facts,
    reversesId: null,
    reason: '',
    recordedBy: meta.by.openid,
    recordedByName: meta.by.name,
    createdAt: meta.at,
    budgetId: meta.budgetId,
    status: 'pending',
    decision: null,
  }
}

/** The reversal of `paymentId` among `entries` that is pending or approved (a rejected one does not stand), or null. */
export function reversalOf(entries: readonly DisbursementEntry[], paymentId: string): ReversalEntry | null {
  for (const e of entries) if (e.kind === 'reversal' && e.reversesId === paymentId && e.status !== 'rejected') return e
  return null
}

/** Whether the payment is reversed: an approved reversal of it is among `entries`. */
export const isReversed = (entries: readonly DisbursementEntry[], paymentId: string): boolean => reversalOf(entries, paymentId)?.status === 'approved'

/** What reversing needs besides the payment: the household the caller is working on, and the reason. */
export interface ReversalRequest {
  id: string
  /** The household the reversal is made on; a payment of another household is refused. */
  householdId: string
  reason: string
  by: LedgerActor
  at: string
}

/**
 * The pending reversal of `original`, given the entries already written: refuses a reversal, a
 * payment not approved (a pending one is rejected instead), a payment reversed already or whose
 * reversal waits for approval, and a payment of another household.
 */
export function makeReversal(original: DisbursementEntry, existing: readonly DisbursementEntry[], req: ReversalRequest): LedgerResult<ReversalEntry> {
  if (original.kind !== 'payment') return fail('VALIDATION', '冲正记录不能再次冲正', 'paymentId')
  if (original.householdId !== req.householdId) return fail('NOT_FOUND', '该家庭没有这笔发放记录', 'paymentId')
  if (original.status === 'pending') return fail('CONFLICT', '这笔发放还在等待审批，不能冲正；如有错误请审批人驳回', 'paymentId')
  if (original.status === 'rejected') return fail('CONFLICT', '这笔发放已被驳回，不计入发放，无需冲正', 'paymentId')
  const standing = reversalOf(existing, original.id)
  if (standing?.status === 'approved') return fail('CONFLICT', '这笔发放已经冲正，不能重复冲正', 'paymentId')
  if (standing) return fail('CONFLICT', '这笔发放的冲正正在等待审批，不能重复冲正', 'paymentId')
  if (req.reason.trim().length < 2) return fail('VALIDATION', '请填写冲正原因', 'reason')
  return {
    ok: true,
    value: {
      ...original,
      id: req.id,
      kind: 'reversal',
      amountFen: -original.amountFen,
      reversesId: original.id,
      reason: req.reason.trim(),
      recordedBy: req.by.openid,
      recordedByName: req.by.name,
      note: '',
      createdAt: req.at,
      status: 'pending',
      decision: null,
    },
  }
}

/**
 * `entry` with the decision of `by`: refused on an entry decided already (CONFLICT), by its own
 * recorder (FORBIDDEN), and a rejection without a reason. Only status and decision change.
 */
export function decideEntry(entry: DisbursementEntry, d: { status: EntryDecision['status']; by: LedgerActor; at: string; note: string }): LedgerResult<DisbursementEntry> {
  if (entry.status !== 'pending') return fail('CONFLICT', entry.status === 'approved' ? '这笔记录已经审批通过了' : '这笔记录已经驳回了', 'entryId')
  if (entry.recordedBy === d.by.openid) return fail('FORBIDDEN', '不能审批自己登记的记录，请由另一位审核人员审批', 'entryId')
  const note = d.note.trim()
  if (d.status === 'rejected' && note.length < 2) return fail('VALIDATION', '请填写驳回原因', 'note')
  const decision: EntryDecision = { status: d.status, by: d.by.openid, byName: d.by.name, at: d.at, note: d.status === 'rejected' ? note : '' }
  return { ok: true, value: { ...entry, status: d.status, decision } }
}

/** Why `entry` cannot follow `entries` (ids unique, payments positive, reversals well-formed), or null. */
export function ledgerEntryProblem(entries: readonly DisbursementEntry[], entry: DisbursementEntry): LedgerProblem | null {
  if (entries.some((e) => e.id === entry.id)) return { code: 'CONFLICT', message: '该记录已存在' }
  if ((entry.status === 'pending') !== (entry.decision === null)) return { code: 'VALIDATION', message: '审批状态不正确' }
  if (entry.kind === 'payment') {
    return Number.isSafeInteger(entry.amountFen) && entry.amountFen > 0 ? null : { code: 'VALIDATION', message: '发放金额应为正数', field: 'amountFen' }
  }
  const original = entries.find((e) => e.id === entry.reversesId)
  if (!original) return { code: 'NOT_FOUND', message: '没有找到要冲正的发放记录', field: 'paymentId' }
  const nobody = { openid: '', name: '' }
  const made = makeReversal(original, entries, { id: entry.id, householdId: entry.householdId, reason: entry.reason, by: nobody, at: entry.createdAt })
  if (!made.ok) return { code: made.code, message: made.message, field: made.field }
  const same = made.value.amountFen === entry.amountFen && made.value.fundSource === entry.fundSource && made.value.paidOn === entry.paidOn
  return same ? null : { code: 'VALIDATION', message: '冲正金额、资金来源和日期应与原发放记录一致', field: 'paymentId' }
}

/** `entries` with `entry` appended, as a new array; the old one is left as it was. */
export function appendEntry(entries: readonly DisbursementEntry[], entry: DisbursementEntry): LedgerResult<readonly DisbursementEntry[]> {
  const problem = ledgerEntryProblem(entries, entry)
  return problem ? { ok: false, ...problem } : { ok: true, value: [...entries, entry] }
}

/** Zero fen for every source. */
export function emptyBySource(): Record<FundSource, number> {
  return Object.fromEntries(FUND_SOURCE_CODES.map((s) => [s, 0])) as Record<FundSource, number>
}

/** Net fen per fund source and in total, of approved entries only (approved reversals subtract). */
export function totalsBySource(entries: readonly DisbursementEntry[]): { bySource: Record<FundSource, number>; totalFen: number } {
  const bySource = emptyBySource()
  let totalFen = 0
  for (const e of entries) {
    if (!counts(e)) continue
    bySource[e.fundSource] += e.amountFen
    totalFen += e.amountFen
  }
  return { bySource, totalFen }
}

/** What an approved payment still counts: its amount, or 0 once an approved reversal cancels it (and while it is not approved); null for an unknown payment. */
export function netOfPayment(entries: readonly DisbursementEntry[], paymentId: string): number | null {
  const payment = entries.find((e) => e.id === paymentId && e.kind === 'payment')
  if (!payment) return null
  return entries.reduce((sum, e) => ((e.id === paymentId || e.reversesId === paymentId) && counts(e) ? sum + e.amountFen : sum), 0)
}

/**
 * Person-times aided (帮扶人次): one approved payment that is not reversed counts one, whatever its
 * amount or the household's size: a household aided twice counts two (domain.md). This is the
 * count the seed's 5,486 is reproduced with.
 */
export function personTimes(entries: readonly DisbursementEntry[]): number {
  const reversed = new Set<string>()
  for (const e of entries) if (e.kind === 'reversal' && counts(e)) reversed.add(e.reversesId)
  let n = 0
  for (const e of entries) if (e.kind === 'payment' && counts(e) && !reversed.has(e.id)) n++
  return n
}

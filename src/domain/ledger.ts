import type { CalendarDate } from './calendar'
import { FUND_SOURCE_CODES, type FundSource } from './household-codes'

/**
 * The aid ledger (帮扶资金台账): append-only money records per household. An entry is never edited
 * or deleted; a correction is a reversal carrying the negative of the payment it reverses, with a
 * reason, and a corrected payment recorded anew. Amounts are integer fen.
 *
 * A reversal carries the payment's `paidOn`, so figures for any period show the corrected amount
 * (the mistaken payment nets to zero where it was dated); `createdAt` says when it was recorded.
 */

/** A staff member as the ledger names them. */
export interface LedgerActor {
  openid: string
  name: string
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
  approvedBy: string
  approvedByName: string
  note: string
  /** ISO-8601 UTC: when it was written. */
  createdAt: string
}

/** One ledger line: a payment (positive fen) or the reversal of one (its exact negative). */
export type DisbursementEntry =
  | (EntryCommon & { kind: 'payment'; amountFen: number; reversesId: null; reason: '' })
  | (EntryCommon & { kind: 'reversal'; amountFen: number; reversesId: string; reason: string })

/** A payment: money that went to a household. */
export type PaymentEntry = Extract<DisbursementEntry, { kind: 'payment' }>
/** A reversal: cancels one payment in full. */
export type ReversalEntry = Extract<DisbursementEntry, { kind: 'reversal' }>

/** Why an entry cannot be written, in the contract's terms. */
export interface LedgerProblem {
  code: 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT'
  message: string
  field?: string
}

/** The entry (or ledger) made, or why not. */
export type LedgerResult<T> = { ok: true; value: T } | ({ ok: false } & LedgerProblem)

const fail = (code: LedgerProblem['code'], message: string, field?: string): { ok: false } & LedgerProblem =>
  field ? { ok: false, code, message, field } : { ok: false, code, message }

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

/** A payment entry from checked facts (see `RecordPaymentSchema`). */
export function makePayment(facts: PaymentFacts, meta: { id: string; by: LedgerActor; approvedBy: LedgerActor; at: string }): PaymentEntry {
  return {
    id: meta.id,
    kind: 'payment',
    ...facts,
    reversesId: null,
    reason: '',
    recordedBy: meta.by.openid,
    recordedByName: meta.by.name,
    approvedBy: meta.approvedBy.openid,
    approvedByName: meta.approvedBy.name,
    createdAt: meta.at,
  }
}

/** The reversal of `paymentId` among `entries`, or null. */
export function reversalOf(entries: readonly DisbursementEntry[], paymentId: string): ReversalEntry | null {
  for (const e of entries) if (e.kind === 'reversal' && e.reversesId === paymentId) return e
  return null
}

/** What reversing needs besides the payment: the household the caller is working on, and the reason. */
export interface ReversalRequest {
  id: string
  /** The household the reversal is made on; a payment of another household is refused. */
  householdId: string
  reason: string
  by: LedgerActor
  approvedBy: LedgerActor
  at: string
}

/**
 * The reversal of `original`, given the entries already written: refuses a reversal, a payment
 * reversed already, and a payment of another household.
 */
export function makeReversal(original: DisbursementEntry, existing: readonly DisbursementEntry[], req: ReversalRequest): LedgerResult<ReversalEntry> {
  if (original.kind !== 'payment') return fail('VALIDATION', '冲正记录不能再次冲正', 'paymentId')
  if (original.householdId !== req.householdId) return fail('NOT_FOUND', '该家庭没有这笔发放记录', 'paymentId')
  if (reversalOf(existing, original.id)) return fail('CONFLICT', '这笔发放已经冲正，不能重复冲正', 'paymentId')
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
      approvedBy: req.approvedBy.openid,
      approvedByName: req.approvedBy.name,
      note: '',
      createdAt: req.at,
    },
  }
}

/** Why `entry` cannot follow `entries` (ids unique, payments positive, reversals well-formed), or null. */
export function ledgerEntryProblem(entries: readonly DisbursementEntry[], entry: DisbursementEntry): LedgerProblem | null {
  if (entries.some((e) => e.id === entry.id)) return { code: 'CONFLICT', message: '该记录已存在' }
  if (entry.kind === 'payment') {
    return Number.isSafeInteger(entry.amountFen) && entry.amountFen > 0 ? null : { code: 'VALIDATION', message: '发放金额应为正数', field: 'amountFen' }
  }
  const original = entries.find((e) => e.id === entry.reversesId)
  if (!original) return { code: 'NOT_FOUND', message: '没有找到要冲正的发放记录', field: 'paymentId' }
  const nobody = { openid: '', name: '' }
  const made = makeReversal(original, entries, { id: entry.id, householdId: entry.householdId, reason: entry.reason, by: nobody, approvedBy: nobody, at: entry.createdAt })
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

/** Net fen per fund source and in total (reversals subtract). */
export function totalsBySource(entries: readonly DisbursementEntry[]): { bySource: Record<FundSource, number>; totalFen: number } {
  const bySource = emptyBySource()
  let totalFen = 0
  for (const e of entries) {
    bySource[e.fundSource] += e.amountFen
    totalFen += e.amountFen
  }
  return { bySource, totalFen }
}

/** A payment's amount net of its reversal: the amount, or 0 once reversed; null for an unknown payment. */
export function netOfPayment(entries: readonly DisbursementEntry[], paymentId: string): number | null {
  const payment = entries.find((e) => e.id === paymentId && e.kind === 'payment')
  if (!payment) return null
  return entries.reduce((sum, e) => (e.id === paymentId || e.reversesId === paymentId ? sum + e.amountFen : sum), 0)
}

/**
 * Person-times aided (帮扶人次): one payment that is not reversed counts one, whatever its amount
 * or the household's size: a household aided twice counts two (domain.md). This is the count the
 * seed's 5,486 is reproduced with.
 */
export function personTimes(entries: readonly DisbursementEntry[]): number {
  const reversed = new Set<string>()
  for (const e of entries) if (e.kind === 'reversal') reversed.add(e.reversesId)
  let n = 0
  for (const e of entries) if (e.kind === 'payment' && !reversed.has(e.id)) n++
  return n
}

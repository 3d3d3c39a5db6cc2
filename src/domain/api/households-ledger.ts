import * as v from 'valibot'
import type { Budget } from '../budget'
import type { FundSource } from '../household-codes'
import type { DisbursementEntry } from '../ledger'
import { budgetYear, DecideLedgerEntrySchema, RecordPaymentSchema, ReversePaymentSchema, SetBudgetSchema } from '../ledger-schemas'
import { idText } from '../schema-parts'
import { CursorInputSchema, type CursorPage } from './applicant'
import { CASE_STAFF, STAFF, returns, type FunctionContract } from './define'
import type { HouseholdView } from './households'

/**
 * The money actions of the `households` function: recording payments and reversals (pending), the
 * reviewers' pending list and their decisions, and the admins' budgets.
 */
export const ledgerActions = {
  recordPayment: { input: RecordPaymentSchema, output: returns<HouseholdView>(), roles: CASE_STAFF },
  reversePayment: { input: ReversePaymentSchema, output: returns<HouseholdView>(), roles: CASE_STAFF },
  /** Entries waiting for a second person, in the caller's jurisdiction (however many units), oldest first, a page at a time by cursor; `approvable` counts the ones the caller may decide. */
  pendingLedger: { input: CursorInputSchema, output: returns<PendingLedgerPage>(), roles: CASE_STAFF },
  /** A reviewer covering the household, not its recorder, approves or rejects a pending entry. */
  decideLedgerEntry: { input: DecideLedgerEntrySchema, output: returns<PendingEntry>(), roles: ['reviewer'] },
  /** The budgets of a unit of the caller's jurisdiction (default: the caller's own) for a year, and its children's a page at a time by cursor (however many children). */
  budgets: {
    input: v.strictObject({ ...CursorInputSchema.entries, year: budgetYear, unitId: v.optional(idText('单位')) }),
    output: returns<BudgetsView>(),
    roles: STAFF,
  },
  setBudget: { input: SetBudgetSchema, output: returns<BudgetView>(), roles: ['admin'] },
} as const satisfies FunctionContract

/** A ledger line as the household page shows it: whether an approved reversal cancels it, or one waits for approval. */
export type LedgerLine = DisbursementEntry & { reversed: boolean; reversalPending: boolean }

/** An entry of the pending list, with its household and whether the caller may decide it. */
export interface PendingEntry {
  entry: DisbursementEntry
  householdNumber: string
  headNameMasked: string
  unitName: string
  /** Recorded by the caller: someone else must decide. */
  mine: boolean
  /** The caller may approve or reject it now (a reviewer covering it, not its recorder, still pending). */
  mayDecide: boolean
}

export type PendingLedgerPage = CursorPage<PendingEntry> & {
  /** How many pending entries of the jurisdiction the caller may decide (the home page's badge). */
  approvable: number
}

/** A budget with what is left of it and its unit's name. */
export type BudgetView = Budget & { unitName: string; leftFen: number }

/** A unit's budgets for a year (set ones only), its children's, and whether the caller may set them. */
export interface BudgetsView {
  year: number
  unit: { id: string; name: string }
  /** The unit's own budget per fund source; absent where none is set. */
  own: Partial<Record<FundSource, BudgetView>>
  /** The budgets of a page of the units directly under it, by unit id. */
  children: { id: string; name: string; budgets: Partial<Record<FundSource, BudgetView>> }[]
  /** Where the next page of children starts; null after the last. */
  nextCursor: string | null
  /** The caller may set the unit's own budgets (an admin, for a unit below theirs or a city-level one). */
  maySet: boolean
  /** The caller may set the children's budgets (an admin). */
  maySetChildren: boolean
}

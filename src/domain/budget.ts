import type { CalendarDate } from './calendar'
import { labelOf } from './form-codes'
import { FUND_SOURCES, type FundSource } from './household-codes'
import type { LedgerProblem } from './ledger'
import { formatFen } from './money'

/**
 * Aid budgets (帮扶资金预算): per unit, year and fund source, set by admins. A payment draws on the
 * nearest budget on its household's path (the household's unit, else its parent, up to the city)
 * for the year it is paid in and its fund source; with none there is no money to pay from.
 *
 * `committedFen` is what approved and pending entries hold of it: a payment adds to it when it is
 * recorded (so two pending payments cannot together exceed the budget), a rejection gives it back,
 * and so does an approved reversal. It never exceeds `amountFen`.
 */
export interface Budget {
  /** `budgetIdOf(unitId, year, fundSource)`. */
  id: string
  unitId: string
  year: number
  fundSource: FundSource
  amountFen: number
  committedFen: number
  version: number
  /** Who set `amountFen` last, and when (ISO-8601 UTC). */
  setBy: string
  setAt: string
}

/** The one id of a unit's budget for a year and a fund source. */
export const budgetIdOf = (unitId: string, year: number, fundSource: FundSource): string => `${unitId}:${year}:${fundSource}`

/** The budget year of a payment: the year of the day it is paid. */
export const budgetYearOf = (paidOn: CalendarDate): number => Number(paidOn.slice(0, 4))

/** What the budget has left. */
export const budgetLeftFen = (b: Pick<Budget, 'amountFen' | 'committedFen'>): number => b.amountFen - b.committedFen

const sourceLabel = (s: FundSource) => labelOf(FUND_SOURCES, s)

/** Why a payment of `amountFen` cannot draw on `budget` (none found, or too little left), or null. */
export function chargeProblem(budget: Budget | null, want: { year: number; fundSource: FundSource; amountFen: number }): LedgerProblem | null {
  if (!budget) {
    return { code: 'VALIDATION', message: `${want.year}年${sourceLabel(want.fundSource)}还没有预算，请联系管理员先设置预算`, field: 'fundSource' }
  }
  const left = budgetLeftFen(budget)
  if (want.amountFen > left) {
    return { code: 'VALIDATION', message: `超出预算：${want.year}年${sourceLabel(want.fundSource)}预算只剩 ${formatFen(Math.max(0, left))}（含待审批）`, field: 'amountFen' }
  }
  return null
}

/** `budget` with `deltaFen` more (or, negative, less) committed, at the next version. */
export const committed = (budget: Budget, deltaFen: number): Budget => ({ ...budget, committedFen: budget.committedFen + deltaFen, version: budget.version + 1 })

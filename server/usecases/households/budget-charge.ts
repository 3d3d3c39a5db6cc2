import { AppError } from '../../../src/domain'
import { budgetIdOf, budgetYearOf, chargeProblem, committed, type Budget } from '../../../src/domain/budget'
import type { CalendarDate } from '../../../src/domain/calendar'
import type { FundSource } from '../../../src/domain/household-codes'
import type { OrgUnitRecord, Repositories } from '../../ports'

/**
 * The budget a payment of `unit`'s household draws on: the nearest one on the unit's path (the
 * unit itself first, the city last) for the year and fund source, or null. Reads by id only, so it
 * runs inside a transaction, where CloudBase allows nothing else.
 */
export async function budgetFor(repos: Repositories, unit: OrgUnitRecord, year: number, fundSource: FundSource): Promise<Budget | null> {
  for (const unitId of [...unit.path].reverse()) {
    const budget = await repos.budgets.get(budgetIdOf(unitId, year, fundSource))
    if (budget) return budget
  }
  return null
}

/**
 * Adds `deltaFen` to what the budget holds committed, at the version read: a concurrent write to
 * the same budget makes this CONFLICT (SQLite runs one at a time; CloudBase's transaction conflicts
 * on the document), so two payments cannot both take the last of it.
 */
export async function commitToBudget(repos: Repositories, budget: Budget, deltaFen: number): Promise<void> {
  if (!(await repos.budgets.put(committed(budget, deltaFen), budget.version))) throw new AppError('CONFLICT', '预算正被他人同时使用，请重试')
}

/**
 * Takes a payment's amount from the budget it draws on (see `budgetFor`) and returns that budget;
 * VALIDATION when there is none or too little is left (approved and pending payments both count).
 */
export async function chargeBudget(repos: Repositories, unit: OrgUnitRecord, payment: { paidOn: CalendarDate; fundSource: FundSource; amountFen: number }): Promise<Budget> {
  const year = budgetYearOf(payment.paidOn)
  const budget = await budgetFor(repos, unit, year, payment.fundSource)
  const problem = chargeProblem(budget, { year, fundSource: payment.fundSource, amountFen: payment.amountFen })
  if (problem) throw new AppError(problem.code, problem.message, problem.field)
  await commitToBudget(repos, budget!, payment.amountFen)
  return budget!
}

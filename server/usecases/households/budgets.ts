import type * as v from 'valibot'
import { AppError, hasRole, type Actor } from '../../../src/domain'
import type { BudgetsView, BudgetView } from '../../../src/domain/api/households'
import { budgetIdOf, budgetLeftFen, type Budget } from '../../../src/domain/budget'
import type { FundSource } from '../../../src/domain/household-codes'
import { formatFen } from '../../../src/domain/money'
import type { SetBudgetSchema } from '../../../src/domain/ledger-schemas'
import type { CallContext, Deps } from '../../ports'
import { appendAudit } from '../shared/audit'
import { once } from '../shared/idempotency'
import { adminUnit, unitInJurisdiction } from '../shared/jurisdiction'
import { requireStaff } from './access'
import { writeScope } from './household-write'

/**
 * Budgets per unit, year and fund source. Staff read their jurisdiction's; admins set them for the
 * units below their own (a city-level admin, with no unit above, for the city too): a unit's own
 * money is allocated from above, not by itself. Every change is audited.
 */

const STALE = '预算已被他人修改，请刷新后再设置'

const toView = (b: Budget, unitName: string): BudgetView => ({ ...b, unitName, leftFen: budgetLeftFen(b) })

const bySource = (budgets: readonly Budget[], unitId: string, unitName: string): Partial<Record<FundSource, BudgetView>> =>
  Object.fromEntries(budgets.filter((b) => b.unitId === unitId).map((b) => [b.fundSource, toView(b, unitName)]))

/** A unit of the caller's jurisdiction (default: their own) with its own and its children's budgets for the year. Queries. */
export async function listBudgets(deps: Deps, actor: Actor, input: { year: number; unitId?: string }): Promise<BudgetsView> {
  requireStaff(actor)
  const repos = deps.store.repos
  const unit = await unitInJurisdiction(repos, actor, input.unitId ?? actor.unitId)
  if (!unit) throw new AppError('NOT_FOUND', '没有找到这个单位', 'unitId')
  const children = await repos.units.children(unit.id)
  const budgets = await repos.budgets.listByUnits([unit.id, ...children.map((c) => c.id)], input.year)
  const maySet = hasRole(actor, 'admin') && (unit.id !== actor.unitId || unit.parentId === null)
  return {
    year: input.year,
    unit: { id: unit.id, name: unit.name },
    own: bySource(budgets, unit.id, unit.name),
    children: children.map((c) => ({ id: c.id, name: c.name, budgets: bySource(budgets, c.id, c.name) })),
    maySet,
    maySetChildren: hasRole(actor, 'admin'),
  }
}

/**
 * An admin sets a budget at the version they saw (0: a new one). It may not fall below what
 * approved and pending payments already hold of it.
 */
export async function setBudget(deps: Deps, actor: Actor, input: v.InferOutput<typeof SetBudgetSchema>, ctx: CallContext): Promise<BudgetView> {
  const now = deps.clock.now()
  const id = budgetIdOf(input.unitId, input.year, input.fundSource)
  return deps.store.transaction((repos) =>
    once(repos, writeScope('setBudget', actor, ctx, id), now, async () => {
      const unit = await adminUnit(repos, actor, input.unitId)
      if (unit.id === actor.unitId && unit.parentId !== null) throw new AppError('FORBIDDEN', '本单位的预算由上级工会设置', 'unitId')
      const current = await repos.budgets.get(id)
      if ((current?.version ?? 0) !== input.expectedVersion) throw new AppError('CONFLICT', STALE)
      const committedFen = current?.committedFen ?? 0
      if (input.amountFen < committedFen) throw new AppError('VALIDATION', `预算不能少于已发放和待审批的 ${formatFen(committedFen)}`, 'amountFen')
      const next: Budget = {
        id,
        unitId: unit.id,
        year: input.year,
        fundSource: input.fundSource,
        amountFen: input.amountFen,
        committedFen,
        version: input.expectedVersion + 1,
        setBy: actor.openid,
        setAt: now.toISOString(),
      }
      if (!(await repos.budgets.put(next, input.expectedVersion))) throw new AppError('CONFLICT', STALE)
      await appendAudit(repos, deps.cipher, now, {
        actor: actor.openid,
        action: 'budget.set',
        subject: id,
        detail: { unitId: unit.id, year: input.year, fundSource: input.fundSource, fromFen: current?.amountFen ?? null, toFen: input.amountFen },
      })
      return toView(next, unit.name)
    }),
  )
}

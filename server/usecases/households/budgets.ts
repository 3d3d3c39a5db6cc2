import type * as v from 'valibot'
import { AppError, hasRole, type Actor } from '../../../src/domain'
import type { BudgetsView, BudgetView } from '../../../src/domain/api/households'
import { budgetIdOf, budgetLeftFen, type Budget } from '../../../src/domain/budget'
import { FUND_SOURCE_CODES, type FundSource } from '../../../src/domain/household-codes'
import { formatFen } from '../../../src/domain/money'
import type { SetBudgetSchema } from '../../../src/domain/ledger-schemas'
import type { CallContext, Deps } from '../../ports'
import { appendAudit } from '../shared/audit'
import { decodeCursor, encodeCursor, hasStrings } from '../shared/cursor'
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

/** Where the next page of children starts: after this child, for this unit and year. */
type ChildPosition = { u: string; y: number; a: string }

const positionFor = (unitId: string, year: number) => (v: unknown): v is ChildPosition => hasStrings(v, ['u', 'a']) && v.u === unitId && (v as { y?: unknown }).y === year

/**
 * A unit of the caller's jurisdiction (default: their own) with its own budgets for the year, and
 * a page of its children (in id order, by cursor) with theirs: each unit's budgets are read by id
 * (`budgetIdOf`), so a page costs the same however many children or units there are. Queries.
 */
export async function listBudgets(deps: Deps, actor: Actor, input: { year: number; unitId?: string; pageSize: number; cursor?: string }): Promise<BudgetsView> {
  requireStaff(actor)
  const repos = deps.store.repos
  const unit = await unitInJurisdiction(repos, actor, input.unitId ?? actor.unitId)
  if (!unit) throw new AppError('NOT_FOUND', '没有找到这个单位', 'unitId')
  const at = decodeCursor(input.cursor, positionFor(unit.id, input.year))
  const page = await repos.units.childPage(unit.id, at?.a ?? null, input.pageSize + 1)
  const children = page.slice(0, input.pageSize)
  const ids = [unit, ...children].flatMap((u) => FUND_SOURCE_CODES.map((s) => budgetIdOf(u.id, input.year, s)))
  const budgets = await repos.budgets.getMany(ids)
  const last = children[children.length - 1]
  const maySet = hasRole(actor, 'admin') && (unit.id !== actor.unitId || unit.parentId === null)
  return {
    year: input.year,
    unit: { id: unit.id, name: unit.name },
    own: bySource(budgets, unit.id, unit.name),
    children: children.map((c) => ({ id: c.id, name: c.name, budgets: bySource(budgets, c.id, c.name) })),
    nextCursor: page.length > input.pageSize ? encodeCursor({ u: unit.id, y: input.year, a: last.id }) : null,
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

import { AppError, type Actor } from '../../../src/domain'
import type { CaseView } from '../../../src/domain/api/review'
import { financeCheckedSinceVisit, noticeEndsAt, noticeState, type FinanceResult, type VerifiedFigures } from '../../../src/domain/review'
import type { CallContext, Deps } from '../../ports'
import { policyFor } from '../shared/policy'
import { DEFAULT_PUBLICITY_DAYS, proposedCategory } from './case-view'
import { decide, type DecisionInput } from './decide'

/** 民政核对: the result of the civil-affairs check; where it differs, the verified figures. The case stays with the reviewer. */
export function recordFinanceCheck(
  deps: Deps,
  actor: Actor,
  input: DecisionInput & { result: FinanceResult; verified?: VerifiedFigures; note: string },
  ctx: CallContext,
): Promise<CaseView> {
  return decide(deps, actor, input, ctx, 'recordFinanceCheck', () => ({
    transition: 'recordFinanceCheck',
    entry: { kind: 'finance', result: input.result, verified: input.result === 'differs' ? (input.verified ?? null) : null, note: input.note },
    detail: { result: input.result },
  }))
}

/** 公示: starts the notice for the unit's number of days (its policy, else the nearest ancestor's, else 5). */
export function startNotice(deps: Deps, actor: Actor, input: DecisionInput, ctx: CallContext): Promise<CaseView> {
  return decide(deps, actor, input, ctx, 'startNotice', async (rec, repos, now) => {
    if (!financeCheckedSinceVisit(rec.review ?? [])) throw new AppError('CONFLICT', '请先录入民政核对结果，再开始公示')
    const unit = await repos.units.get(rec.unitId)
    const policy = (unit && (await policyFor(repos, unit))?.policy) || null
    const days = policy?.publicityDays || DEFAULT_PUBLICITY_DAYS
    const endsAt = noticeEndsAt(now, days)
    return {
      transition: 'startNotice',
      entry: { kind: 'notice-started', days, endsAt, category: proposedCategory(deps, rec, policy)?.category ?? null },
      note: `公示${days}天，至${endsAt.slice(0, 10)}`,
      patch: { noticeEndsAt: endsAt },
      detail: { days, endsAt },
    }
  })
}

/** An objection during the notice: the notice stops and the case goes back to the reviewer's check. */
export function recordObjection(deps: Deps, actor: Actor, input: DecisionInput & { text: string }, ctx: CallContext): Promise<CaseView> {
  return decide(deps, actor, input, ctx, 'recordObjection', (rec, _repos, now) => {
    if (!noticeState(rec.review ?? [], now).running) throw new AppError('CONFLICT', '公示期已结束，不能再登记异议')
    return {
      transition: 'recordObjection',
      entry: { kind: 'objection', text: input.text },
      // The objection's words stay with the union: the worker learns only that the case is checked again.
      note: '公示期间收到异议，工会将重新核查',
      patch: { noticeEndsAt: null },
    }
  })
}

import { AppError, type Actor } from '../../../src/domain'
import type { CaseView } from '../../../src/domain/api/review'
import { rejectionReasonLabel, type RejectionReason } from '../../../src/domain/review'
import type { CallContext, Deps } from '../../ports'
import { currentForm } from '../shared/sealed-form'
import { transitionOf } from './case-view'
import { decide, type DecisionInput } from './decide'

/** 开始初审: the caseworker takes a submitted case. */
export function startScreening(deps: Deps, actor: Actor, input: DecisionInput, ctx: CallContext): Promise<CaseView> {
  return decide(deps, actor, input, ctx, 'startScreening', () => ({ transition: 'startScreening', entry: { kind: 'screening-started' } }))
}

/** 初审通过: on to the home visit. */
export function acceptScreening(deps: Deps, actor: Actor, input: DecisionInput & { note: string }, ctx: CallContext): Promise<CaseView> {
  return decide(deps, actor, input, ctx, 'acceptScreening', () => ({ transition: 'acceptScreening', entry: { kind: 'accepted', note: input.note } }))
}

/** 退回修改: back to the worker with the fields to fix and why; a member's field must name an existing member. */
export function returnToWorker(deps: Deps, actor: Actor, input: DecisionInput & { fieldsToFix: string[]; reason: string }, ctx: CallContext): Promise<CaseView> {
  return decide(deps, actor, input, ctx, 'returnToWorker', (rec) => {
    const members = currentForm(rec, deps.cipher)?.members.length ?? 0
    for (const field of input.fieldsToFix) {
      const m = /^members\.(\d+)\./.exec(field)
      if (m && Number(m[1]) >= members) throw new AppError('VALIDATION', `没有第${Number(m[1]) + 1}位家庭成员`, 'fieldsToFix')
    }
    const fieldsToFix = [...new Set(input.fieldsToFix)]
    return {
      transition: 'returnToWorker',
      entry: { kind: 'returned', fieldsToFix, reason: input.reason },
      note: input.reason,
      patch: { fieldsToFix },
      detail: { fields: fieldsToFix },
    }
  })
}

/** 不予通过 at the current stage: the caseworker at screening and visit, a reviewer at the review stages. */
export function reject(deps: Deps, actor: Actor, input: DecisionInput & { reasonCode: RejectionReason; text: string }, ctx: CallContext): Promise<CaseView> {
  return decide(deps, actor, input, ctx, 'reject', (rec) => ({
    transition: transitionOf('reject', rec.status) as 'rejectAtScreening' | 'rejectAtReview',
    entry: { kind: 'rejected', stage: rec.status, reasonCode: input.reasonCode, text: input.text },
    note: input.text ? `${rejectionReasonLabel(input.reasonCode)}：${input.text}` : rejectionReasonLabel(input.reasonCode),
    detail: { reasonCode: input.reasonCode, stage: rec.status },
  }))
}

import type * as v from 'valibot'
import { AppError, maskBankAccount, type Actor } from '../../../src/domain'
import type { HouseholdView } from '../../../src/domain/api/households'
import { shanghaiDateOf } from '../../../src/domain/calendar'
import { lastFiledOn } from '../../../src/domain/household'
import { ledgerEntryProblem, makePayment, makeReversal, type LedgerActor, type PaymentFacts } from '../../../src/domain/ledger'
import { paymentDateProblem, type RecordPaymentSchema, type ReversePaymentSchema } from '../../../src/domain/ledger-schemas'
import type { CallContext, Deps, HouseholdRecord, OrgUnitRecord, Repositories } from '../../ports'
import { currentForm } from '../shared/sealed-form'
import { appendAudit } from '../shared/audit'
import { householdOf, requireStaff, staffNameOf } from './access'
import { writeHouseholdFile } from './file-write'
import { CASE_ROLES, requireFiled, staffCovering } from './household-write'

/**
 * The aid ledger's writes. Money is recorded by caseworkers and reviewers only, and approved by
 * a second person: an active reviewer whose jurisdiction covers the household (four eyes). An
 * entry is only ever appended; a correction is a reversing entry.
 */

/** The id of a payment's reversal: one id per payment, so the store itself refuses a second one. */
export const reversalIdOf = (paymentId: string) => `${paymentId}-r`

/** The approver named by the input, checked: not the recorder, an active reviewer covering the household. */
async function approverOf(repos: Repositories, actor: Actor, unit: OrgUnitRecord, openid: string): Promise<LedgerActor> {
  if (openid === actor.openid) throw new AppError('VALIDATION', '审批人不能是登记人本人，请选择另一位审核人员', 'approvedBy')
  const staff = await staffCovering(repos, unit, openid, ['reviewer'])
  if (!staff) throw new AppError('VALIDATION', '审批人应为负责这户家庭的在职审核人员，请重新选择', 'approvedBy')
  return { openid: staff.openid, name: staff.displayName }
}

/** The payee's account, masked, from the form of the application that (last) filed the household; '' when unknown. */
async function payeeAccountMasked(deps: Deps, repos: Repositories, rec: HouseholdRecord): Promise<string> {
  const applicationId = rec.applicationIds[rec.applicationIds.length - 1]
  const application = applicationId ? await repos.applications.get(applicationId) : null
  const account = application ? currentForm(application, deps.cipher)?.bank.accountNumber : undefined
  return account ? maskBankAccount(account) : ''
}

/** Records a payment to a filed household; a retry with the same requestId records it once. */
export async function recordPayment(deps: Deps, actor: Actor, input: v.InferOutput<typeof RecordPaymentSchema>, ctx: CallContext): Promise<HouseholdView> {
  return writeHouseholdFile(deps, actor, input, ctx, { action: 'recordPayment', roles: CASE_ROLES }, async ({ repos, rec, unit, now }) => {
    requireFiled(rec, '登记帮扶资金发放')
    const dateProblem = paymentDateProblem(input.paidOn, shanghaiDateOf(now))
    if (dateProblem) throw new AppError('VALIDATION', dateProblem.message, dateProblem.field)
    const filedOn = lastFiledOn(rec.history) ?? shanghaiDateOf(rec.filedAt)
    if (input.paidOn < filedOn) throw new AppError('VALIDATION', `发放日期不能早于建档日期（${filedOn}）`, 'paidOn')
    if (input.measureId) {
      const measure = await repos.measures.get(input.measureId)
      if (!measure || measure.householdId !== rec.id) throw new AppError('VALIDATION', '请选择这户家庭的帮扶措施', 'measureId')
    }
    const approvedBy = await approverOf(repos, actor, unit, input.approvedBy)
    const by = { openid: actor.openid, name: await staffNameOf(repos, actor.openid) }
    const facts: PaymentFacts = {
      householdId: rec.id,
      unitId: rec.unitId,
      amountFen: input.amountFen,
      fundSource: input.fundSource,
      measureId: input.measureId ?? null,
      paidOn: input.paidOn,
      payeeAccountMasked: await payeeAccountMasked(deps, repos, rec),
      note: input.note,
    }
    const entry = makePayment(facts, { id: deps.ids.newId(), by, approvedBy, at: now.toISOString() })
    const problem = ledgerEntryProblem([], entry)
    if (problem) throw new AppError(problem.code, problem.message, problem.field)
    await repos.ledger.append(entry)
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action: 'household.payment.record',
      subject: rec.id,
      detail: { entryId: entry.id, amountFen: entry.amountFen, fundSource: entry.fundSource, measureId: entry.measureId, approvedBy: approvedBy.openid },
    })
    return { entryId: entry.id }
  })
}

/**
 * Reverses one payment of the household in full, with the reason (冲正). Refused for a reversal,
 * a payment reversed already (CONFLICT) and another household's payment (NOT_FOUND). Allowed on
 * a deregistered household too: a mistake stays correctable.
 */
export async function reversePayment(deps: Deps, actor: Actor, input: v.InferOutput<typeof ReversePaymentSchema>, ctx: CallContext): Promise<HouseholdView> {
  requireStaff(actor, CASE_ROLES)
  // A reversal written with another id (an import, the demo seed) is found in the household's
  // ledger, a query, so that is read before the transaction; the fixed id settles races inside it.
  const { rec: seen } = await householdOf(deps.store.repos, actor, input.householdId)
  const earlier = await deps.store.repos.ledger.listByHousehold(seen.id)
  return writeHouseholdFile(deps, actor, input, ctx, { action: 'reversePayment', roles: CASE_ROLES }, async ({ repos, rec, unit, now }) => {
    const original = await repos.ledger.get(input.paymentId)
    if (!original || original.householdId !== rec.id) throw new AppError('NOT_FOUND', '该家庭没有这笔发放记录', 'paymentId')
    const approvedBy = await approverOf(repos, actor, unit, input.approvedBy)
    const id = reversalIdOf(original.id)
    const existing = await repos.ledger.get(id)
    const by = { openid: actor.openid, name: await staffNameOf(repos, actor.openid) }
    const made = makeReversal(original, existing ? [...earlier, existing] : earlier, { id, householdId: rec.id, reason: input.reason, by, approvedBy, at: now.toISOString() })
    if (!made.ok) throw new AppError(made.code, made.message, made.field)
    await repos.ledger.append(made.value)
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action: 'household.payment.reverse',
      subject: rec.id,
      detail: { entryId: made.value.id, reversesId: original.id, amountFen: made.value.amountFen, fundSource: made.value.fundSource, approvedBy: approvedBy.openid },
    })
    return { entryId: made.value.id }
  })
}

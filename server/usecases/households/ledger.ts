import type * as v from 'valibot'
import { AppError, maskBankAccount, type Actor } from '../../../src/domain'
import type { HouseholdView } from '../../../src/domain/api/households'
import { shanghaiDateOf } from '../../../src/domain/calendar'
import { lastFiledOn } from '../../../src/domain/household'
import { ledgerEntryProblem, makePayment, makeReversal, type DisbursementEntry, type PaymentFacts } from '../../../src/domain/ledger'
import { paymentDateProblem, type RecordPaymentSchema, type ReversePaymentSchema } from '../../../src/domain/ledger-schemas'
import type { CallContext, Deps, HouseholdRecord, Repositories } from '../../ports'
import { currentForm } from '../shared/sealed-form'
import { appendAudit } from '../shared/audit'
import { householdOf, requireStaff, staffNameOf } from './access'
import { chargeBudget } from './budget-charge'
import { writeHouseholdFile } from './file-write'
import { CASE_ROLES, requireFiled } from './household-write'

/**
 * The aid ledger's writes. Money is recorded by caseworkers and reviewers only, as pending: it
 * counts once another reviewer covering the household approves it (ledger-decisions.ts). A payment
 * draws on a budget when it is recorded. An entry is only ever appended; a correction is a
 * reversing entry, pending too.
 */

/** How many reversals of one payment may be tried (each rejected one keeps its id). */
const MAX_REVERSAL_TRIES = 20

/** The id of a payment's n-th reversal (n from 1): fixed ids, so the store itself refuses a second one racing the first. */
export const reversalIdOf = (paymentId: string, n = 1) => (n === 1 ? `${paymentId}-r` : `${paymentId}-r${n}`)

/** The payee's account, masked, from the form of the application that (last) filed the household; '' when unknown. */
async function payeeAccountMasked(deps: Deps, repos: Repositories, rec: HouseholdRecord): Promise<string> {
  const applicationId = rec.applicationIds[rec.applicationIds.length - 1]
  const application = applicationId ? await repos.applications.get(applicationId) : null
  const account = application ? currentForm(application, deps.cipher)?.bank.accountNumber : undefined
  return account ? maskBankAccount(account) : ''
}

/**
 * Records a payment to a filed household, pending approval; it takes its amount from the budget
 * at once (over the budget is VALIDATION). A retry with the same requestId records it once.
 */
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
    const budget = await chargeBudget(repos, unit, facts)
    const entry = makePayment(facts, { id: deps.ids.newId(), by, at: now.toISOString(), budgetId: budget.id })
    const problem = ledgerEntryProblem([], entry)
    if (problem) throw new AppError(problem.code, problem.message, problem.field)
    await repos.ledger.append(entry)
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action: 'household.payment.record',
      subject: rec.id,
      detail: { entryId: entry.id, amountFen: entry.amountFen, fundSource: entry.fundSource, measureId: entry.measureId, budgetId: budget.id, status: entry.status },
    })
    return { entryId: entry.id }
  })
}

/** The first free reversal id of the payment and the reversals found under the earlier ones (a rejected one does not block another). */
async function nextReversalId(repos: Repositories, paymentId: string): Promise<{ id: string; tried: DisbursementEntry[] }> {
  const tried: DisbursementEntry[] = []
  for (let n = 1; n <= MAX_REVERSAL_TRIES; n++) {
    const id = reversalIdOf(paymentId, n)
    const existing = await repos.ledger.get(id)
    if (!existing) return { id, tried }
    tried.push(existing)
    if (existing.status !== 'rejected') return { id, tried }
  }
  throw new AppError('CONFLICT', '这笔发放的冲正已被驳回多次，请联系管理员核实', 'paymentId')
}

/**
 * Reverses one approved payment of the household in full, with the reason (冲正), pending approval
 * like a payment. Refused for a reversal, a payment not approved, one reversed already or whose
 * reversal waits (CONFLICT), and another household's payment (NOT_FOUND). Allowed on a
 * deregistered household too: a mistake stays correctable.
 */
export async function reversePayment(deps: Deps, actor: Actor, input: v.InferOutput<typeof ReversePaymentSchema>, ctx: CallContext): Promise<HouseholdView> {
  requireStaff(actor, CASE_ROLES)
  // A reversal written with another id (an import, the demo seed) is found in the household's
  // ledger, a query, so that is read before the transaction; the fixed ids settle races inside it.
  const { rec: seen } = await householdOf(deps.store.repos, actor, input.householdId)
  const earlier = await deps.store.repos.ledger.listByHousehold(seen.id)
  return writeHouseholdFile(deps, actor, input, ctx, { action: 'reversePayment', roles: CASE_ROLES, part: input.paymentId }, async ({ repos, rec, now }) => {
    const original = await repos.ledger.get(input.paymentId)
    if (!original || original.householdId !== rec.id) throw new AppError('NOT_FOUND', '该家庭没有这笔发放记录', 'paymentId')
    const { id, tried } = await nextReversalId(repos, original.id)
    const by = { openid: actor.openid, name: await staffNameOf(repos, actor.openid) }
    const known = [...earlier.filter((e) => !tried.some((t) => t.id === e.id)), ...tried]
    const made = makeReversal(original, known, { id, householdId: rec.id, reason: input.reason, by, at: now.toISOString() })
    if (!made.ok) throw new AppError(made.code, made.message, made.field)
    await repos.ledger.append(made.value)
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action: 'household.payment.reverse',
      subject: rec.id,
      detail: { entryId: made.value.id, reversesId: original.id, amountFen: made.value.amountFen, fundSource: made.value.fundSource, status: made.value.status },
    })
    return { entryId: made.value.id }
  })
}

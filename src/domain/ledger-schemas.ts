import * as v from 'valibot'
import type { CalendarDate } from './calendar'
import { FUND_SOURCE_CODES } from './household-codes'
import { MAX_FEN } from './money'
import { dateText, futureDateProblem, idText, text } from './schema-parts'
import type { FieldProblem } from './validate'

/**
 * Inputs that write to the aid ledger and its budgets. The payee account, the unit and who recorded
 * it come from the household and the caller, not from the input. Nobody names an approver: any
 * other reviewer covering the household decides from the pending list.
 */

/** The largest single payment the form accepts: 100,000 yuan. More is a typing mistake, not aid. */
export const LEDGER_MAX_PAYMENT_FEN = 100_000 * 100

/** Records a payment to a household. `amountFen` is integer fen (the form converts yuan with `parseYuan`). */
export const RecordPaymentSchema = v.strictObject({
  householdId: idText('家庭编号'),
  amountFen: v.pipe(
    v.number('发放金额应为数字'),
    v.integer('发放金额应精确到分'),
    v.minValue(1, '发放金额应大于0'),
    v.maxValue(LEDGER_MAX_PAYMENT_FEN, '单笔发放金额不能超过10万元'),
  ),
  fundSource: v.picklist(FUND_SOURCE_CODES, '请选择资金来源'),
  paidOn: dateText('发放日期'),
  measureId: v.optional(v.nullable(idText('帮扶措施编号')), null),
  note: text('备注', 0, 200),
})

/** The problem of a payment dated after `today` (Asia/Shanghai), or null. */
export function paymentDateProblem(paidOn: CalendarDate, today: CalendarDate): FieldProblem | null {
  return futureDateProblem(paidOn, today, 'paidOn', '发放日期')
}

/** Reverses one payment of the household, with the reason. */
export const ReversePaymentSchema = v.strictObject({
  householdId: idText('家庭编号'),
  paymentId: idText('发放记录编号'),
  reason: text('冲正原因', 2, 200),
})

/** Approves or rejects one pending entry (a payment or a reversal); a rejection says why. */
export const DecideLedgerEntrySchema = v.pipe(
  v.strictObject({
    entryId: idText('发放记录编号'),
    decision: v.picklist(['approved', 'rejected'], '请选择通过或驳回'),
    note: text('驳回原因', 0, 200),
  }),
  v.forward(
    v.partialCheck([['decision'], ['note']], (d) => d.decision === 'approved' || d.note.length >= 2, '请填写驳回原因'),
    ['note'],
  ),
)

/** The first and last budget year an admin may set. */
export const BUDGET_YEARS = { min: 2000, max: 2100 } as const

/** A budget year: a whole year in range. */
export const budgetYear = v.pipe(
  v.number('年度应为数字'),
  v.integer('年度应为整数'),
  v.minValue(BUDGET_YEARS.min, '年度不正确'),
  v.maxValue(BUDGET_YEARS.max, '年度不正确'),
)

/** An admin sets a unit's budget for a year and a fund source (`expectedVersion` 0 creates it). */
export const SetBudgetSchema = v.strictObject({
  unitId: idText('单位'),
  year: budgetYear,
  fundSource: v.picklist(FUND_SOURCE_CODES, '请选择资金来源'),
  amountFen: v.pipe(v.number('预算金额应为数字'), v.integer('预算金额应精确到分'), v.minValue(0, '预算金额不能为负数'), v.maxValue(MAX_FEN, '预算金额太大，请检查')),
  expectedVersion: v.pipe(v.number('版本应为数字'), v.integer('版本应为整数'), v.minValue(0, '版本不正确')),
})

import * as v from 'valibot'
import type { CalendarDate } from './calendar'
import { FUND_SOURCE_CODES } from './household-codes'
import { dateText, futureDateProblem, idText, text } from './schema-parts'
import type { FieldProblem } from './validate'

/**
 * Inputs that write to the aid ledger. The payee account, the unit and who recorded it come from
 * the household and the caller, not from the input. The approver must be checked by the use case
 * to be a reviewer of the jurisdiction.
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
  approvedBy: idText('审批人'),
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
  approvedBy: idText('审批人'),
  reason: text('冲正原因', 2, 200),
})

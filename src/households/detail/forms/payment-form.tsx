import { useState } from 'react'
import FormField from '@/components/form-field'
import { FUND_SOURCES, MEASURE_KINDS, type FundSource } from '@/domain/household-codes'
import { parseYuan } from '@/domain/money'
import { labelOf, todayShanghai } from '@/text/household-text'
import ChoiceChips from '@/components/choice-chips'
import DateField from '@/components/date-field'
import FormFrame from '@/components/form-frame'
import OptionList from '@/components/option-list'
import TextAreaField from '@/components/text-area-field'
import type { HouseholdFormProps } from './types'

const NO_MEASURE = 'none'

/** 登记发放: amount in yuan, fund source, date, the measure it serves, a note; another reviewer approves it from the pending list. */
export default function PaymentForm({ view, act, onCancel }: HouseholdFormProps) {
  const today = todayShanghai()
  const [amount, setAmount] = useState('')
  const [fundSource, setFundSource] = useState('')
  const [paidOn, setPaidOn] = useState(today)
  const [measureId, setMeasureId] = useState(NO_MEASURE)
  const [note, setNote] = useState('')
  const measures = [{ code: NO_MEASURE, label: '不关联措施' }, ...view.measures.map((m) => ({ code: m.id, label: `${labelOf(MEASURE_KINDS, m.kind)}：${m.description}` }))]

  const submit = () => {
    const amountFen = parseYuan(amount)
    if (amountFen === null || amountFen === 0) return act.fail('amountFen', '请填写发放金额，如 1500 或 1500.50')
    void act.submit('recordPayment', {
      amountFen,
      // An empty source is sent as it is: the shared schema answers with its own message.
      fundSource: fundSource as FundSource,
      paidOn,
      measureId: measureId === NO_MEASURE ? null : measureId,
      note,
    })
  }

  return (
    <FormFrame form='recordPayment' title='登记资金发放' lead='登记后由另一位审核人员审批，审批通过才计入发放合计；记录不能修改或删除，登记错误请冲正。' submitText='登记发放' busy={act.busy} onCancel={onCancel} onSubmit={submit}>
      <FormField label='发放金额' unit='元' keyboard='digit' placeholder='如 1500' value={amount} maxlength={12} {...act.bind('amountFen', setAmount)} />
      <ChoiceChips label='资金来源' options={FUND_SOURCES} value={fundSource} {...act.bind('fundSource', setFundSource)} />
      <DateField label='发放日期' value={paidOn} end={today} {...act.bind('paidOn', setPaidOn)} />
      {view.measures.length > 0 && <OptionList label='对应帮扶措施' options={measures} value={measureId} {...act.bind('measureId', setMeasureId)} />}
      <TextAreaField label='备注（可不填）' value={note} maxlength={200} {...act.bind('note', setNote)} />
    </FormFrame>
  )
}

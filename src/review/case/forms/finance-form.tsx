import { useState } from 'react'
import * as v from 'valibot'
import FormField from '@/components/form-field'
import { moneySchema } from '@/domain/field-kinds'
import { FINANCE_FIELDS, relabel } from '@/domain/form-fields'
import { fenToYuanText } from '@/domain/money'
import { FINANCE_RESULTS, type FinanceResult } from '@/domain/review'
import { validate } from '@/domain/validate'
import OptionList from '../../components/option-list'
import TextAreaField from '@/components/text-area-field'
import FormFrame from './form-frame'
import type { DecisionFormProps } from './types'

type Figures = { householdSize: string; annualIncome: string; rigidExpenses: string }

/** The verified figures as typed, checked by the form's own rules for a household size and a yuan amount. */
const VerifiedSchema = v.object({
  householdSize: relabel(FINANCE_FIELDS.householdSize, '核实的家庭人口'),
  annualIncomeFen: moneySchema('核实的家庭年收入'),
  rigidExpensesFen: moneySchema('核实的刚性支出'),
})

/** 民政核对: the civil-affairs check's result; where it differs, the verified household figures. */
export default function FinanceForm({ view, d, onCancel }: DecisionFormProps) {
  const f = view.application.details?.finances
  const [result, setResult] = useState<FinanceResult | ''>('')
  const [note, setNote] = useState('')
  // Prefilled with the worker's own figures: the reviewer corrects the ones the check found different.
  const [figures, setFigures] = useState<Figures>({
    householdSize: f ? String(f.householdSize) : '',
    annualIncome: f ? fenToYuanText(f.annualIncome) : '',
    rigidExpenses: f ? fenToYuanText(f.medicalExpenses + f.schoolingExpenses + f.otherRigidExpenses) : '',
  })
  const set = (key: keyof Figures, field: string) => (value: string) => {
    setFigures((prev) => ({ ...prev, [key]: value }))
    d.clear(field)
    d.clear('verified')
  }

  const submit = () => {
    if (result !== 'differs') return void d.submit('recordFinanceCheck', { result: result as FinanceResult, note })
    const checked = validate(VerifiedSchema, { householdSize: figures.householdSize, annualIncomeFen: figures.annualIncome, rigidExpensesFen: figures.rigidExpenses })
    if (!checked.ok) return d.fail(`verified.${checked.problems[0].field}`, checked.problems[0].message)
    void d.submit('recordFinanceCheck', { result, verified: checked.value, note })
  }

  return (
    <FormFrame
      action='recordFinanceCheck'
      title='记录民政核对结果'
      lead='根据民政部门家庭经济状况核对结果填写。核对不一致时，按核实的数字重新测算困难类别。'
      submitText='保存核对结果'
      busy={d.busy}
      onCancel={onCancel}
      onSubmit={submit}
    >
      <OptionList
        field='result'
        label='核对结果'
        options={FINANCE_RESULTS}
        value={result}
        error={d.errors.result}
        onChange={(c) => {
          setResult(c as FinanceResult)
          d.clear('result')
          d.clear('verified')
        }}
      />
      {result === 'differs' && (
        <>
          <FormField
            field='verified.householdSize'
            label='核实的家庭人口'
            keyboard='number'
            unit='人'
            maxlength={2}
            value={figures.householdSize}
            error={d.errors['verified.householdSize'] ?? d.errors.verified}
            onInput={set('householdSize', 'verified.householdSize')}
            onBlur={() => undefined}
          />
          <FormField
            field='verified.annualIncomeFen'
            label='核实的家庭年收入'
            keyboard='digit'
            unit='元'
            maxlength={13}
            value={figures.annualIncome}
            error={d.errors['verified.annualIncomeFen']}
            onInput={set('annualIncome', 'verified.annualIncomeFen')}
            onBlur={() => undefined}
          />
          <FormField
            field='verified.rigidExpensesFen'
            label='核实的年刚性支出'
            hint='医疗、教育等必需支出合计'
            keyboard='digit'
            unit='元'
            maxlength={13}
            value={figures.rigidExpenses}
            error={d.errors['verified.rigidExpensesFen']}
            onInput={set('rigidExpenses', 'verified.rigidExpensesFen')}
            onBlur={() => undefined}
          />
        </>
      )}
      <TextAreaField
        field='note'
        label='核对说明（可不填）'
        value={note}
        maxlength={200}
        error={d.errors.note}
        onInput={(v) => {
          setNote(v)
          d.clear('note')
        }}
      />
    </FormFrame>
  )
}

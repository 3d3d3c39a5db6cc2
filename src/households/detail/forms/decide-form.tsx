import { useState } from 'react'
import FormFrame from '@/components/form-frame'
import OptionList from '@/components/option-list'
import TextAreaField from '@/components/text-area-field'
import type { HouseholdFormProps } from './types'

const DECISIONS = [
  { code: 'approve', label: '批准脱困注销' },
  { code: 'decline', label: '不批准，继续在档帮扶' },
] as const

/** A reviewer's decision on the open proposal; declining needs a note for the caseworker. */
export default function DecideForm({ view, act, onCancel }: HouseholdFormProps) {
  const [decision, setDecision] = useState('')
  const [note, setNote] = useState('')
  const submit = () => {
    if (!decision) return act.fail('approve', '请选择是否批准注销')
    void act.submit('decideDeregistration', { expectedVersion: view.version, approve: decision === 'approve', note })
  }
  return (
    <FormFrame form='decideDeregistration' title='审批脱困注销' submitText='提交审批' busy={act.busy} onCancel={onCancel} onSubmit={submit}>
      <OptionList field='approve' label='审批结果' options={DECISIONS} value={decision} error={act.errors.approve} onChange={(c) => (setDecision(c), act.clear('approve'), act.clear('note'))} />
      <TextAreaField label={decision === 'decline' ? '审批意见' : '审批意见（可不填）'} value={note} maxlength={200} {...act.bind('note', setNote)} />
    </FormFrame>
  )
}

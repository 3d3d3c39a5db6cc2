import { useState } from 'react'
import { MEASURE_KINDS, MEASURE_CHOICES, type MeasureKind, type MeasureStatus } from '@/domain/household-codes'
import ChoiceChips from '@/components/choice-chips'
import FormFrame from '@/components/form-frame'
import TextAreaField from '@/components/text-area-field'
import type { HouseholdFormProps } from './types'

/** A new aid measure: kind, what it is, where it stands and, once known, its outcome. */
export default function MeasureForm({ act, onCancel }: HouseholdFormProps) {
  const [kind, setKind] = useState('')
  const [description, setDescription] = useState('')
  const [status, setStatus] = useState<MeasureStatus>('planned')
  const [outcome, setOutcome] = useState('')
  return (
    <FormFrame
      form='addMeasure'
      title='添加帮扶措施'
      submitText='保存措施'
      busy={act.busy}
      onCancel={onCancel}
      // An empty kind is sent as it is: the shared schema answers with its own message beside the chips.
      onSubmit={() => void act.submit('addMeasure', { kind: kind as MeasureKind, description, status, outcome })}
    >
      <ChoiceChips label='措施类型' options={MEASURE_KINDS} value={kind} {...act.bind('kind', setKind)} />
      <TextAreaField label='措施内容' placeholder='如：申请医疗救助，报销住院自付费用' value={description} maxlength={200} {...act.bind('description', setDescription)} />
      <ChoiceChips field='status' label='进展' options={MEASURE_CHOICES} value={status} error={act.errors.status} onChange={(c) => setStatus(c as MeasureStatus)} />
      <TextAreaField label='实施成效（可不填）' value={outcome} maxlength={200} {...act.bind('outcome', setOutcome)} />
    </FormFrame>
  )
}

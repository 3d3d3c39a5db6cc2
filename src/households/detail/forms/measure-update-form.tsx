import { useState } from 'react'
import type { Measure } from '@/domain/household'
import { MEASURE_CHOICES, type MeasureStatus } from '@/domain/household-codes'
import ChoiceChips from '@/components/choice-chips'
import FormFrame from '@/components/form-frame'
import TextAreaField from '@/components/text-area-field'
import type { HouseholdFormProps } from './types'

/** A measure's progress: its status and outcome (required once done). */
export default function MeasureUpdateForm({ act, measure, onCancel }: HouseholdFormProps & { measure: Measure }) {
  const [status, setStatus] = useState<MeasureStatus>(measure.status)
  const [outcome, setOutcome] = useState(measure.outcome)
  return (
    <FormFrame
      form='updateMeasure'
      title='更新措施进展'
      submitText='保存进展'
      busy={act.busy}
      onCancel={onCancel}
      onSubmit={() => void act.submit('updateMeasure', { measureId: measure.id, expectedVersion: measure.version, status, outcome })}
    >
      <ChoiceChips field='status' label='进展' options={MEASURE_CHOICES} value={status} error={act.errors.status} onChange={(c) => (setStatus(c as MeasureStatus), act.clear('outcome'))} />
      <TextAreaField
        field='outcome'
        label={status === 'done' ? '实施成效' : '实施成效（可不填）'}
        value={outcome}
        maxlength={200}
        error={act.errors.outcome}
        onInput={(v) => (setOutcome(v), act.clear('outcome'))}
      />
    </FormFrame>
  )
}

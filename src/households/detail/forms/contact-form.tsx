import { useState } from 'react'
import { CONTACT_KINDS, type ContactKind } from '@/domain/household-codes'
import { todayShanghai } from '@/text/household-text'
import ChoiceChips from '@/components/choice-chips'
import DateField from '@/components/date-field'
import FormFrame from '@/components/form-frame'
import TextAreaField from '@/components/text-area-field'
import type { HouseholdFormProps } from './types'

/** A visit, call or other contact: when, what was found, and the next step. */
export default function ContactForm({ act, onCancel }: HouseholdFormProps) {
  const today = todayShanghai()
  const [kind, setKind] = useState<ContactKind>('visit')
  const [on, setOn] = useState(today)
  const [notes, setNotes] = useState('')
  const [nextStep, setNextStep] = useState('')
  return (
    <FormFrame form='addContact' title='记录结对联系' submitText='保存记录' busy={act.busy} onCancel={onCancel} onSubmit={() => void act.submit('addContact', { kind, on, notes, nextStep })}>
      <ChoiceChips field='kind' label='联系方式' options={CONTACT_KINDS} value={kind} error={act.errors.kind} onChange={(c) => setKind(c as ContactKind)} />
      <DateField label='联系日期' value={on} end={today} {...act.bind('on', setOn)} />
      <TextAreaField label='联系情况' placeholder='如：入户走访，了解孩子上学和本人就医情况' value={notes} maxlength={500} {...act.bind('notes', setNotes)} />
      <TextAreaField label='下一步安排（可不填）' value={nextStep} maxlength={200} {...act.bind('nextStep', setNextStep)} />
    </FormFrame>
  )
}

import { useState } from 'react'
import { DEREGISTRATION_REASONS, type DeregistrationReason } from '@/domain/household-codes'
import FormFrame from '@/components/form-frame'
import OptionList from '@/components/option-list'
import TextAreaField from '@/components/text-area-field'
import type { HouseholdFormProps } from './types'

/** 提出脱困注销: a reason from the list and an explanation (required for 其他); a reviewer decides. */
export default function ProposeForm({ view, act, onCancel }: HouseholdFormProps) {
  const [reason, setReason] = useState('')
  const [text, setText] = useState('')
  return (
    <FormFrame
      form='proposeDeregistration'
      title='提出脱困注销'
      lead='提交后由审核人员审批；注销后档案和记录保留，家庭以后仍可重新申请。'
      submitText='提交注销申请'
      busy={act.busy}
      onCancel={onCancel}
      onSubmit={() => void act.submit('proposeDeregistration', { expectedVersion: view.version, reason: reason as DeregistrationReason, text })}
    >
      <OptionList field='reason' label='注销原因' options={DEREGISTRATION_REASONS} value={reason} error={act.errors.reason} onChange={(c) => (setReason(c), act.clear('reason'), act.clear('text'))} />
      <TextAreaField label={reason === 'other' ? '注销说明' : '注销说明（可不填）'} value={text} maxlength={200} {...act.bind('text', setText)} />
    </FormFrame>
  )
}

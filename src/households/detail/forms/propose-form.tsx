import { useState } from 'react'
import { DEREGISTRATION_REASONS, type DeregistrationReason } from '@/domain/household-codes'
import FormFrame from '@/components/form-frame'
import OptionList from '@/components/option-list'
import TextAreaField from '@/components/text-area-field'
import DeregistrationProof from '../../components/deregistration-proof'
import { useEvidencePhotos } from '../../components/use-evidence-photos'
import type { HouseholdFormProps } from './types'

/**
 * 提出脱困注销: a reason from the list, an explanation (required for 其他) and photos of the proof
 * of being out of hardship (脱困证明, at least one); a reviewer decides.
 */
export default function ProposeForm({ view, act, onCancel }: HouseholdFormProps) {
  const [reason, setReason] = useState('')
  const [text, setText] = useState('')
  const evidence = useEvidencePhotos(view.id)
  const submit = async () => {
    const evidenceIds = await evidence.upload()
    if (evidenceIds) void act.submit('proposeDeregistration', { expectedVersion: view.version, reason: reason as DeregistrationReason, text, evidenceIds })
  }
  return (
    <FormFrame
      form='proposeDeregistration'
      title='提出脱困注销'
      lead='提交后由审核人员审批；注销后档案和记录保留，家庭以后仍可重新申请。'
      submitText='提交注销申请'
      busy={act.busy}
      onCancel={onCancel}
      onSubmit={() => void submit()}
    >
      <OptionList field='reason' label='注销原因' options={DEREGISTRATION_REASONS} value={reason} error={act.errors.reason} onChange={(c) => (setReason(c), act.clear('reason'), act.clear('text'))} />
      <TextAreaField label={reason === 'other' ? '注销说明' : '注销说明（可不填）'} value={text} maxlength={200} {...act.bind('text', setText)} />
      <DeregistrationProof field='evidenceIds' evidence={evidence} error={act.errors.evidenceIds} onPicked={() => act.clear('evidenceIds')} />
    </FormFrame>
  )
}

import { useState } from 'react'
import { REJECTION_REASONS, type RejectionReason } from '@/domain/review'
import OptionList from '@/components/option-list'
import TextAreaField from '@/components/text-area-field'
import DecisionFrame from './decision-frame'
import type { DecisionFormProps } from './types'

/** 不予通过: a reason from the list, and words of explanation (required for 其他原因). */
export default function RejectForm({ d, onCancel }: DecisionFormProps) {
  const [reasonCode, setReasonCode] = useState<RejectionReason | ''>('')
  const [text, setText] = useState('')
  return (
    <DecisionFrame
      p={{ d, onCancel }}
      form='reject'
      title='不予通过'
      lead='申请人会收到通知和原因。此操作不能撤销，请慎重。'
      submitText='确认不予通过'
      // An empty code is sent as it is: the shared schema answers with its own message beside the list.
      onSubmit={() => void d.submit('reject', { reasonCode: reasonCode as RejectionReason, text })}
    >
      <OptionList
        field='reasonCode'
        label='原因'
        options={REJECTION_REASONS}
        value={reasonCode}
        error={d.errors.reasonCode}
        onChange={(c) => {
          setReasonCode(c as RejectionReason)
          d.clear('reasonCode')
        }}
      />
      <TextAreaField label={reasonCode === 'other' ? '说明' : '说明（可不填）'} hint='会告知申请人，请用对方能理解的话' value={text} maxlength={200} {...d.bind('text', setText)} />
    </DecisionFrame>
  )
}

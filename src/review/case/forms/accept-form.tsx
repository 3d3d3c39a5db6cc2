import { useState } from 'react'
import TextAreaField from '@/components/text-area-field'
import DecisionFrame from './decision-frame'
import type { DecisionFormProps } from './types'

/** 初审通过: the case goes on to the home visit, with an optional note. */
export default function AcceptForm({ d, onCancel }: DecisionFormProps) {
  const [note, setNote] = useState('')
  return (
    <DecisionFrame
      p={{ d, onCancel }}
      form='acceptScreening'
      title='初审通过'
      lead='确认申请信息和材料基本齐全、符合受理条件后通过初审，进入入户调查。'
      submitText='确认通过'
      onSubmit={() => void d.submit('acceptScreening', { note })}
    >
      <TextAreaField label='初审意见（可不填）' value={note} maxlength={200} {...d.bind('note', setNote)} />
    </DecisionFrame>
  )
}

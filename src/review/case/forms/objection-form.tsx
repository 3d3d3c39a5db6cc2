import { useState } from 'react'
import TextAreaField from '@/components/text-area-field'
import DecisionFrame from './decision-frame'
import type { DecisionFormProps } from './types'

/** 登记异议: an objection raised during the notice; the case goes back to the finance check. */
export default function ObjectionForm({ d, onCancel }: DecisionFormProps) {
  const [text, setText] = useState('')
  return (
    <DecisionFrame
      p={{ d, onCancel }}
      form='recordObjection'
      title='登记公示异议'
      lead='登记后公示中止，案件回到民政核对环节，核实后可重新公示。'
      submitText='登记异议'
      onSubmit={() => void d.submit('recordObjection', { text })}
    >
      <TextAreaField label='异议内容' hint='谁在何时提出了什么异议，2到500字' value={text} {...d.bind('text', setText)} />
    </DecisionFrame>
  )
}

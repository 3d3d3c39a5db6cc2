import { useState } from 'react'
import Banner from '@/components/banner'
import { HARDSHIP_CATEGORIES } from '@/domain/hardship-categories'
import OptionList from '@/components/option-list'
import TextAreaField from '@/components/text-area-field'
import ProposedSection from '../sections/proposed-section'
import DecisionFrame from './decision-frame'
import type { DecisionFormProps } from './types'

type Category = 'deep' | 'relative' | 'accident'
const CATEGORIES = HARDSHIP_CATEGORIES.filter((c) => c.code !== 'not-eligible')

/** 审批建档: the category to file under (the computed one preselected), beside the computation, and a note. */
export default function ApproveForm({ view, d, onCancel }: DecisionFormProps) {
  const proposed = view.proposed?.category
  const [category, setCategory] = useState<Category | ''>(proposed && proposed !== 'not-eligible' ? proposed : '')
  const [note, setNote] = useState('')
  return (
    <DecisionFrame
      p={{ d, onCancel }}
      form='approveAndFile'
      title='审批建档'
      lead='公示期满无异议，审批通过后为该户建立困难职工档案，申请人会收到通知。'
      submitText='审批通过并建档'
      onSubmit={() => void d.submit('approveAndFile', { category: category as Category, note })}
    >
      <ProposedSection view={view} embedded />
      {proposed === 'not-eligible' && <Banner>按测算暂不符合帮扶条件，如确需建档请选择类别并在审批意见中说明理由</Banner>}
      <OptionList
        field='category'
        label='困难类别'
        options={CATEGORIES}
        value={category}
        error={d.errors.category}
        onChange={(c) => {
          setCategory(c as Category)
          d.clear('category')
        }}
      />
      <TextAreaField label='审批意见（可不填）' value={note} maxlength={200} {...d.bind('note', setNote)} />
    </DecisionFrame>
  )
}

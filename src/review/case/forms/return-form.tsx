import { Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import Chip from '@/components/chip'
import Field from '@/components/field'
import TextAreaField from '@/components/text-area-field'
import { fixableGroups } from '../field-names'
import DecisionFrame from './decision-frame'
import type { DecisionFormProps } from './types'

/** 退回修改: the fields the worker must fix (marked on their form) and why. */
export default function ReturnForm({ view, d, onCancel }: DecisionFormProps) {
  const [chosen, setChosen] = useState<string[]>([])
  const [reason, setReason] = useState('')
  const members = view.application.details?.members
  const groups = useMemo(() => fixableGroups((members ?? []).map((m) => m.name)), [members])
  const toggle = (path: string) => {
    setChosen((list) => (list.includes(path) ? list.filter((p) => p !== path) : [...list, path]))
    d.clear('fieldsToFix')
  }
  return (
    <DecisionFrame
      p={{ d, onCancel }}
      form='returnToWorker'
      title='退回修改'
      lead='选择需要申请人修改的内容，申请人修改后重新提交，案件回到待初审。'
      submitText={chosen.length ? `退回（${chosen.length}项）` : '退回'}
      onSubmit={() => void d.submit('returnToWorker', { fieldsToFix: chosen, reason })}
    >
      <Field field='fieldsToFix' dataField='fieldsToFix' label='需要修改的内容' error={d.errors.fieldsToFix}>
        {groups.map((g) => (
          <View key={g.title} className='case-fix-group'>
            <Text className='case-fix-group__title'>{g.title}</Text>
            <View className='chip-row'>
              {g.fields.map((f) => (
                <Chip key={f.path} label={f.label} on={chosen.includes(f.path)} onTap={() => toggle(f.path)} data={{ 'data-fix': f.path }} />
              ))}
            </View>
          </View>
        ))}
      </Field>
      <TextAreaField label='退回原因' hint='会告知申请人，2到200字' value={reason} maxlength={200} {...d.bind('reason', setReason)} />
    </DecisionFrame>
  )
}

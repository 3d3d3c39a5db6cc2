import { Text, View } from '@tarojs/components'
import ChoiceChips from '@/components/choice-chips'
import FormField from '@/components/form-field'
import { pressable } from '@/components/pressable'
import { RELATIONS, type Relation } from '@/domain/assisted'
import type { Messages } from '../form-model'

type Relative = { relation: Relation; name: string }

export interface RelativeCardProps {
  relative: Relative | null | undefined
  messages: Messages
  onChange: (relative: Relative | null) => void
}

const OPTIONS = RELATIONS.map((r) => ({ code: r.code, label: r.label }))

/**
 * 代家人填写: a relative typing the form for a worker says so, naming the relation and themselves;
 * the worker's signed authorisation is then a required document.
 */
export default function RelativeCard({ relative, messages, onChange }: RelativeCardProps) {
  const on = !!relative
  return (
    <View className='card consent' id='field-relative'>
      <Text className='card__title'>是否代家人填写</Text>
      <View
        className={on ? 'consent__agree consent__agree--on' : 'consent__agree'}
        data-relative='toggle'
        {...pressable('我是职工的家人，代职工填写', 'checkbox')}
        aria-checked={on}
        onClick={() => onChange(on ? null : { relation: 'child', name: '' })}
      >
        <Text className='consent__box'>{on ? '✓' : ''}</Text>
        <Text className='consent__agree-text'>我是职工的家人，代职工填写</Text>
      </View>
      {relative && (
        <View>
          <ChoiceChips field='relative.relation' label='您与职工的关系' options={OPTIONS} value={relative.relation} error={messages['relative.relation']} onChange={(code) => onChange({ ...relative, relation: code as Relation })} />
          <FormField field='relative.name' label='您的姓名' value={relative.name} maxlength={20} error={messages['relative.name']} onInput={(name) => onChange({ ...relative, name })} />
          <Text className='consent__line'>代填须在“上传材料”一步上传职工本人签字的代办授权书；职工以后可凭工会给的认领码把申请转到本人微信。</Text>
        </View>
      )}
    </View>
  )
}

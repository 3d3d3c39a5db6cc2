import { Text, Textarea, View } from '@tarojs/components'
import FieldError from '@/components/field-error'
import { MAX_SECONDARY_CAUSES } from '@/domain/application-form'
import { HARDSHIP_CAUSES } from '@/domain/hardship-causes'
import { ChoiceInput, type StepProps } from './fields'

/** The main and up to three secondary hardship causes, and the worker's own words. */
export default function CausesStep({ p }: { p: StepProps }) {
  const marked = p.marked.has('description')
  return (
    <View>
      <View className='card'>
        <ChoiceInput p={p} path='causes.mainCause' label='主要致困原因' options={HARDSHIP_CAUSES} />
        <ChoiceInput
          p={p}
          path='causes.secondaryCauses'
          label='次要致困原因'
          hint={`可不选，最多选${MAX_SECONDARY_CAUSES}项`}
          options={HARDSHIP_CAUSES.filter((c) => c.code !== p.values.causes.mainCause)}
          multiple
          max={MAX_SECONDARY_CAUSES}
        />
      </View>
      <View className={['card', 'field', p.messages.description ? 'field--invalid' : '', marked ? 'field--marked' : ''].filter(Boolean).join(' ')} id='field-description'>
        <View className='field__head'>
          <Text className='field__label'>困难情况说明</Text>
          {marked && <Text className='field__mark'>需修改</Text>}
        </View>
        <Text className='field__hint'>用几句话说明家庭遇到的困难，10到500字</Text>
        <Textarea
          className='field__input apply-form__textarea'
          data-field='description'
          value={p.values.description}
          maxlength={500}
          placeholder='例如：本人患慢性病长期服药，妻子无业，孩子上学……'
          onInput={(e) => p.onChange('description', e.detail.value)}
          onBlur={(e) => p.onBlur('description', e.detail.value)}
        />
        <FieldError field='description' message={p.messages.description} />
      </View>
    </View>
  )
}

import { Picker, Text, View } from '@tarojs/components'
import { HARDSHIP_CAUSES } from '@/domain/hardship-causes'
import FieldError from '../field-error'
import '../form-field/index.css'

const LABELS = HARDSHIP_CAUSES.map((c) => c.label)

/** Props of the hardship-cause picker. */
export interface CausePickerProps {
  label: string
  /** The chosen cause code, or '' before a choice. */
  value: string
  error?: string
  onChange: (code: string) => void
}

/** A selector over the coded hardship causes, styled like the text fields. */
export default function CausePicker({ label, value, error, onChange }: CausePickerProps) {
  const index = HARDSHIP_CAUSES.findIndex((c) => c.code === value)
  return (
    <View className={error ? 'form-field form-field--invalid' : 'form-field'} id='field-mainCause'>
      <Text className='form-field__label'>{label}</Text>
      <Picker
        mode='selector'
        range={LABELS}
        value={index >= 0 ? index : 0}
        onChange={(e) => onChange(HARDSHIP_CAUSES[Number(e.detail.value)]?.code ?? '')}
      >
        <View className='form-field__input form-field__picker' data-field='mainCause'>
          <Text className={index >= 0 ? '' : 'form-field__placeholder'}>{index >= 0 ? LABELS[index] : '请选择'}</Text>
          <Text className='form-field__chevron'>›</Text>
        </View>
      </Picker>
      <FieldError field='mainCause' message={error} />
    </View>
  )
}

import { Picker, Text, View } from '@tarojs/components'
import { formatDate } from '@/text/format'
import Field from '../field'
import '@/platform/picker-style'

/** Props of a date field. */
export interface DateFieldProps {
  field: string
  label: string
  /** `YYYY-MM-DD`. */
  value: string
  /** The latest day that may be picked (e.g. today for a payment). */
  end?: string
  hint?: string
  error?: string
  onChange: (date: string) => void
}

/** A calendar date chosen with the platform's date picker. */
export default function DateField({ field, label, value, end, hint, error, onChange }: DateFieldProps) {
  return (
    <Field field={field} label={label} hint={hint} error={error}>
      <Picker mode='date' value={value} end={end} onChange={(e) => onChange(e.detail.value)}>
        <View className='field__input field__picker' data-field={field} data-value={value} aria-label={`${label}：${value ? formatDate(value) : '未选择'}`}>
          <Text>{value ? formatDate(value) : '请选择日期'}</Text>
          <Text className='field__chevron'>›</Text>
        </View>
      </Picker>
    </Field>
  )
}

import { Picker, Text, View } from '@tarojs/components'
import FieldError from '@/components/field-error'

/** Props of a date field. */
export interface DateFieldProps {
  field: string
  label: string
  /** `YYYY-MM-DD`. */
  value: string
  /** The latest day that may be picked (e.g. today for a payment). */
  end?: string
  error?: string
  onChange: (date: string) => void
}

/** A calendar date chosen with the platform's date picker. */
export default function DateField({ field, label, value, end, error, onChange }: DateFieldProps) {
  return (
    <View className={error ? 'hh-field hh-field--invalid' : 'hh-field'} id={`field-${field}`}>
      <Text className='hh-field__label'>{label}</Text>
      <Picker mode='date' value={value} end={end} onChange={(e) => onChange(e.detail.value)}>
        <View className='hh-input hh-date' data-field={field} data-value={value} aria-label={`${label}：${value || '未选择'}`}>
          <Text>{value || '请选择日期'}</Text>
          <Text className='hh-date__chevron'>›</Text>
        </View>
      </Picker>
      <FieldError field={field} message={error} />
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import FieldError from '@/components/field-error'

/** Props of a confirmation checkbox. */
export interface CheckRowProps {
  field: string
  label: string
  checked: boolean
  error?: string
  onChange: (checked: boolean) => void
}

/** A statement the staff member confirms by ticking it: the whole row is the target. */
export default function CheckRow({ field, label, checked, error, onChange }: CheckRowProps) {
  return (
    <View className={error ? 'review-field review-field--invalid' : 'review-field'} id={`field-${field}`}>
      <View
        className={checked ? 'review-option review-option--square review-option--on' : 'review-option review-option--square'}
        role='checkbox'
        aria-checked={checked}
        data-field={field}
        data-checked={checked}
        onClick={() => onChange(!checked)}
      >
        <View className='review-option__mark' />
        <Text className='review-option__text'>{label}</Text>
      </View>
      <FieldError field={field} message={error} />
    </View>
  )
}

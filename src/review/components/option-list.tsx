import { Text, View } from '@tarojs/components'
import FieldError from '@/components/field-error'

/** One choice of an option list. */
export interface Option {
  code: string
  label: string
}

/** Props of a list of full-width options. */
export interface OptionListProps {
  /** The input field it sets: `data-field` on the list and its error. */
  field: string
  label: string
  options: readonly Option[]
  value: string
  error?: string
  onChange: (code: string) => void
}

/** One of a few options with long labels: full-width rows, each a large target, a round mark on the chosen one. */
export default function OptionList({ field, label, options, value, error, onChange }: OptionListProps) {
  return (
    <View className={error ? 'review-field review-field--invalid' : 'review-field'} id={`field-${field}`}>
      <Text className='review-field__label'>{label}</Text>
      <View data-field={field} role='radiogroup' aria-label={label}>
        {options.map((o) => (
          <View
            key={o.code}
            className={o.code === value ? 'review-option review-option--on' : 'review-option'}
            role='radio'
            aria-checked={o.code === value}
            data-value={o.code}
            onClick={() => onChange(o.code)}
          >
            <View className='review-option__mark' />
            <Text className='review-option__text'>{o.label}</Text>
          </View>
        ))}
      </View>
      <FieldError field={field} message={error} />
    </View>
  )
}

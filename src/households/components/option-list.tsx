import { Text, View } from '@tarojs/components'
import FieldError from '@/components/field-error'
import type { Labelled } from '@/text/household-text'

/** Props of a list of full-width options. */
export interface OptionListProps {
  /** The input field it sets: `data-field` on the list and its error. */
  field: string
  label: string
  options: readonly Labelled[]
  value: string
  error?: string
  onChange: (code: string) => void
}

/** One of a few options with long labels: full-width rows, each a large target. */
export default function OptionList({ field, label, options, value, error, onChange }: OptionListProps) {
  return (
    <View className={error ? 'hh-field hh-field--invalid' : 'hh-field'} id={`field-${field}`}>
      <Text className='hh-field__label'>{label}</Text>
      <View data-field={field} role='radiogroup' aria-label={label}>
        {options.map((o) => (
          <View
            key={o.code}
            className={o.code === value ? 'hh-option hh-option--on' : 'hh-option'}
            role='radio'
            aria-checked={o.code === value}
            data-value={o.code}
            onClick={() => onChange(o.code)}
          >
            <View className='hh-option__mark' />
            <Text className='hh-option__text'>{o.label}</Text>
          </View>
        ))}
      </View>
      <FieldError field={field} message={error} />
    </View>
  )
}

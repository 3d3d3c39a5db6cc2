import { Text, View } from '@tarojs/components'
import Chip from '@/components/chip'
import FieldError from '@/components/field-error'
import type { Labelled } from '@/text/household-text'

/** Props of a one-of choice among short labels. */
export interface ChipChoiceProps {
  /** The input field it sets: `data-field` on the group and its error. */
  field: string
  label: string
  options: readonly Labelled[]
  value: string
  error?: string
  onChange: (code: string) => void
}

/** One of several short options as a row of chips that wraps. */
export default function ChipChoice({ field, label, options, value, error, onChange }: ChipChoiceProps) {
  return (
    <View className={error ? 'hh-field hh-field--invalid' : 'hh-field'} id={`field-${field}`}>
      <Text className='hh-field__label'>{label}</Text>
      <View className='hh-chips' data-field={field} role='radiogroup' aria-label={label}>
        {options.map((o) => (
          <Chip key={o.code} label={o.label} role='radio' on={o.code === value} onTap={() => onChange(o.code)} data={{ 'data-value': o.code }} />
        ))}
      </View>
      <FieldError field={field} message={error} />
    </View>
  )
}

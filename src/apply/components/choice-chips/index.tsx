import { Text, View } from '@tarojs/components'
import FieldError from '@/components/field-error'
import type { Coded } from '@/domain/form-codes'
import './index.css'

/** Props of a choice among a few coded options, shown all at once. */
export interface ChoiceChipsProps {
  /** The field path: `data-field`, and the id the page scrolls to. */
  field: string
  label: string
  options: readonly Coded[]
  /** The chosen code(s): one for a single choice, a list for `multiple`. */
  value: string | readonly string[]
  /** Several choices, at most `max`. */
  multiple?: boolean
  max?: number
  error?: string
  marked?: boolean
  hint?: string
  onChange: (value: string | string[]) => void
}

/**
 * Big tappable options instead of a scrolling picker: every choice is visible, each is a touch
 * target of at least 44 px, and one tap decides.
 */
export default function ChoiceChips({ field, label, options, value, multiple, max = 99, error, marked, hint, onChange }: ChoiceChipsProps) {
  const chosen = Array.isArray(value) ? value : value ? [value as string] : []
  const tap = (code: string) => {
    if (!multiple) return onChange(code)
    if (chosen.includes(code)) return onChange(chosen.filter((c) => c !== code))
    if (chosen.length < max) onChange([...chosen, code])
  }
  const classes = ['choice', error ? 'choice--invalid' : '', marked ? 'choice--marked' : ''].filter(Boolean).join(' ')
  return (
    <View className={classes} id={`field-${field.replace(/\./g, '-')}`}>
      <View className='choice__head'>
        <Text className='choice__label'>{label}</Text>
        {marked && <Text className='form-field__mark'>需修改</Text>}
      </View>
      {hint && <Text className='choice__hint'>{hint}</Text>}
      <View className='choice__options' data-field={field} role={multiple ? 'group' : 'radiogroup'} aria-label={label}>
        {options.map((o) => {
          const on = chosen.includes(o.code)
          return (
            <View
              key={o.code}
              className={on ? 'choice__option choice__option--on' : 'choice__option'}
              data-value={o.code}
              role={multiple ? 'checkbox' : 'radio'}
              aria-checked={on}
              onClick={() => tap(o.code)}
            >
              <Text>{on ? `✓ ${o.label}` : o.label}</Text>
            </View>
          )
        })}
      </View>
      <FieldError field={field} message={error} />
    </View>
  )
}

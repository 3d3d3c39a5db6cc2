import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import Field from '../field'
import './index.css'
import { containerRole, pressable } from '@/components/pressable'

/** One choice of an option list. */
export interface Option {
  code: string
  label: string
}

/** Props of one full-width option. */
export interface OptionRowProps {
  label: string
  on: boolean
  /** `checkbox` rows have a square mark. */
  role?: 'radio' | 'checkbox'
  onTap: () => void
  /** Data attributes for tests, e.g. `{ 'data-value': 'deep' }`. */
  data?: Record<`data-${string}`, string | boolean>
  /** At the row's right end (e.g. 下级 ›). */
  children?: ReactNode
}

/** A full-width row with a long label, a large target, a round (or square) mark on the chosen one. */
export function OptionRow({ label, on, role = 'radio', onTap, data = {}, children }: OptionRowProps) {
  const classes = ['option', role === 'checkbox' ? 'option--square' : '', on ? 'option--on' : ''].filter(Boolean).join(' ')
  return (
    <View className={classes} {...pressable(undefined, role)} aria-checked={on} onClick={onTap} {...data}>
      <View className='option__mark' />
      <Text className='option__text'>{label}</Text>
      {children}
    </View>
  )
}

/** Props of a list of full-width options. */
export interface OptionListProps {
  /** The input field it sets: `data-field` on the list and its error. */
  field: string
  label: string
  hint?: string
  options: readonly Option[]
  value: string
  error?: string
  onChange: (code: string) => void
}

/** One of a few options with long labels: full-width rows, each a large target. */
export default function OptionList({ field, label, hint, options, value, error, onChange }: OptionListProps) {
  return (
    <Field field={field} label={label} hint={hint} error={error}>
      <View data-field={field} {...containerRole('radiogroup', label)}>
        {options.map((o) => (
          <OptionRow key={o.code} label={o.label} on={o.code === value} onTap={() => onChange(o.code)} data={{ 'data-value': o.code }} />
        ))}
      </View>
    </Field>
  )
}

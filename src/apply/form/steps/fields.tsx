import FormField, { type FieldKeyboard } from '@/components/form-field'
import type { Coded } from '@/domain/form-codes'
import type { FormValues } from '@/domain/form-values'
import ChoiceChips from '@/components/choice-chips'
import { valueAt, type Messages } from '../form-model'

/** What every step gets: the values, the messages to show, the fields to fix, and how to change them. */
export interface StepProps {
  values: FormValues
  messages: Messages
  marked: ReadonlySet<string>
  onChange: (path: string, value: string | string[]) => void
  onBlur: (path: string, value: string) => void
}

interface TextProps {
  p: StepProps
  path: string
  label: string
  placeholder?: string
  keyboard?: FieldKeyboard
  maxlength?: number
  unit?: string
  hint?: string
}

/** A text field bound to a path of the form. */
export function TextInput({ p, path, ...rest }: TextProps) {
  return (
    <FormField
      field={path}
      value={valueAt(p.values, path) as string}
      error={p.messages[path]}
      marked={p.marked.has(path)}
      onInput={(v) => p.onChange(path, v)}
      onBlur={(v) => p.onBlur(path, v)}
      {...rest}
    />
  )
}

/** A yuan amount: a decimal keypad and 元 after it. */
export function MoneyInput(props: Omit<TextProps, 'keyboard' | 'unit'>) {
  return <TextInput keyboard='digit' unit='元' maxlength={13} placeholder='没有请填0' {...props} />
}

interface ChoiceProps {
  p: StepProps
  path: string
  label: string
  options: readonly Coded[]
  multiple?: boolean
  max?: number
  hint?: string
}

/** A choice among coded options bound to a path of the form. */
export function ChoiceInput({ p, path, ...rest }: ChoiceProps) {
  return (
    <ChoiceChips
      field={path}
      value={valueAt(p.values, path)}
      error={p.messages[path]}
      marked={p.marked.has(path)}
      onChange={(v) => {
        p.onChange(path, v)
        p.onBlur(path, Array.isArray(v) ? v.join(',') : v)
      }}
      {...rest}
    />
  )
}

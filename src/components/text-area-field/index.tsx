import { Text, Textarea } from '@tarojs/components'
import Field from '../field'

/** Props of a labelled multi-line text field. */
export interface TextAreaFieldProps {
  /** The input field it sets: `data-field` on the textarea and its error. */
  field: string
  /** Left out where the card's title names it. */
  label?: string
  value: string
  placeholder?: string
  hint?: string
  /** The fewest characters accepted: the counter says how many are still needed. */
  minlength?: number
  maxlength?: number
  error?: string
  marked?: boolean
  className?: string
  onInput: (value: string) => void
  onBlur?: (value: string) => void
}

/** What the counter under the box says: how much is written, and what is needed or left. */
export function counterText(length: number, min: number, max: number): string {
  if (length < min) return `已写 ${length} 字，还需至少 ${min - length} 字（${min}–${max} 字）`
  return `已写 ${length} 字，最多 ${max} 字`
}

/** Label above, a tall textarea, a counter of characters, and the field's message right below it. */
export default function TextAreaField({ field, label, value, placeholder, hint, minlength = 0, maxlength = 500, error, marked, className, onInput, onBlur }: TextAreaFieldProps) {
  const length = value.trim().length
  return (
    <Field field={field} label={label} hint={hint} error={error} marked={marked} className={className}>
      <Textarea
        className='field__input field__input--tall'
        data-field={field}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        placeholderClass='field__placeholder'
        nativeProps={{ 'aria-label': label ?? placeholder }}
        onInput={(e) => onInput(e.detail.value)}
        onBlur={(e) => onBlur?.(e.detail.value)}
      />
      <Text className={length < minlength ? 'field__counter field__counter--short' : 'field__counter'} data-counter={length} aria-live='polite'>
        {counterText(length, minlength, maxlength)}
      </Text>
    </Field>
  )
}

import { Textarea } from '@tarojs/components'
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
  maxlength?: number
  error?: string
  marked?: boolean
  onInput: (value: string) => void
}

/** Label above, a tall textarea, and the field's message right below it. */
export default function TextAreaField({ field, label, value, placeholder, hint, maxlength = 500, error, marked, onInput }: TextAreaFieldProps) {
  return (
    <Field field={field} label={label} hint={hint} error={error} marked={marked}>
      <Textarea
        className='field__input field__input--tall'
        data-field={field}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        placeholderClass='field__placeholder'
        nativeProps={{ 'aria-label': label ?? placeholder }}
        onInput={(e) => onInput(e.detail.value)}
      />
    </Field>
  )
}

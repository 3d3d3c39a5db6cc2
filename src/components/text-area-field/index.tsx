import { Text, Textarea, View } from '@tarojs/components'
import FieldError from '@/components/field-error'
import './index.css'

/** Props of a labelled multi-line text field. */
export interface TextAreaFieldProps {
  /** The input field it sets: `data-field` on the textarea and its error. */
  field: string
  label: string
  value: string
  placeholder?: string
  hint?: string
  maxlength?: number
  error?: string
  onInput: (value: string) => void
}

/** Label above, a tall textarea, and the field's message right below it. */
export default function TextAreaField({ field, label, value, placeholder, hint, maxlength = 500, error, onInput }: TextAreaFieldProps) {
  return (
    <View className={error ? 'textarea-field textarea-field--invalid' : 'textarea-field'} id={`field-${field.replace(/\./g, '-')}`}>
      <Text className='textarea-field__label'>{label}</Text>
      {hint && <Text className='textarea-field__hint'>{hint}</Text>}
      <Textarea
        className='textarea-field__box'
        data-field={field}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        placeholderClass='form-field__placeholder'
        nativeProps={{ 'aria-label': label }}
        onInput={(e) => onInput(e.detail.value)}
      />
      <FieldError field={field} message={error} />
    </View>
  )
}

import { Text, Textarea, View } from '@tarojs/components'
import FieldError from '@/components/field-error'

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
    <View className={error ? 'review-field review-field--invalid' : 'review-field'} id={`field-${field.replace(/\./g, '-')}`}>
      <Text className='review-field__label'>{label}</Text>
      {hint && <Text className='review-field__hint'>{hint}</Text>}
      <Textarea
        className='review-textarea'
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

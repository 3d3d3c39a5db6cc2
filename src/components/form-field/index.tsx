import { Input, Text, View } from '@tarojs/components'
import FieldError from '../field-error'
import './index.css'

/** Which keyboard a field needs. */
export type FieldKeyboard = 'text' | 'number' | 'idcard'

/** Props of a labelled text field. */
export interface FormFieldProps {
  /** The schema's field name: `id="field-<name>"` and `data-field` on the input and its error. */
  field: string
  label: string
  value: string
  placeholder?: string
  keyboard?: FieldKeyboard
  maxlength?: number
  error?: string
  onInput: (value: string) => void
  onBlur: (value: string) => void
}

const H5_INPUT_MODE: Record<FieldKeyboard, string> = { text: 'text', number: 'numeric', idcard: 'text' }

/** Label above, a large input, and the field's message right below it. */
export default function FormField(props: FormFieldProps) {
  const { field, label, value, placeholder, keyboard = 'text', maxlength = 140, error } = props
  const isH5 = process.env.TARO_ENV === 'h5'
  return (
    <View className={error ? 'form-field form-field--invalid' : 'form-field'} id={`field-${field}`}>
      <Text className='form-field__label'>{label}</Text>
      <Input
        className='form-field__input'
        data-field={field}
        value={value}
        // The browser's number input mangles long digit strings; H5 gets a text input with a numeric keypad.
        type={isH5 ? 'text' : keyboard}
        nativeProps={{ inputMode: H5_INPUT_MODE[keyboard], 'aria-label': label, 'aria-invalid': Boolean(error) }}
        placeholder={placeholder}
        placeholderClass='form-field__placeholder'
        maxlength={maxlength}
        onInput={(e) => props.onInput(e.detail.value)}
        onBlur={(e) => props.onBlur(e.detail.value)}
      />
      <FieldError field={field} message={error} />
    </View>
  )
}

import { Input, Text, View } from '@tarojs/components'
import FieldError from '../field-error'
import './index.css'

/** Which keyboard a field needs. */
export type FieldKeyboard = 'text' | 'number' | 'idcard' | 'digit'

/** Props of a labelled text field. */
export interface FormFieldProps {
  /** The schema's field path (`applicant.idNumber`): `data-field` on the input and its error, `id="field-applicant-idNumber"`. */
  field: string
  label: string
  value: string
  placeholder?: string
  keyboard?: FieldKeyboard
  maxlength?: number
  error?: string
  /** The caseworker asked for this field to be fixed. */
  marked?: boolean
  /** A unit shown after the input, e.g. 元. */
  unit?: string
  /** One line of help under the label. */
  hint?: string
  onInput: (value: string) => void
  onBlur: (value: string) => void
}

const H5_INPUT_MODE: Record<FieldKeyboard, string> = { text: 'text', number: 'numeric', idcard: 'text', digit: 'decimal' }

/** Label above, a large input, and the field's message right below it. */
export default function FormField(props: FormFieldProps) {
  const { field, label, value, placeholder, keyboard = 'text', maxlength = 140, error, marked, unit, hint } = props
  const isH5 = process.env.TARO_ENV === 'h5'
  const classes = ['form-field', error ? 'form-field--invalid' : '', marked ? 'form-field--marked' : ''].filter(Boolean).join(' ')
  return (
    <View className={classes} id={`field-${field.replace(/\./g, '-')}`}>
      <View className='form-field__head'>
        <Text className='form-field__label'>{label}</Text>
        {marked && <Text className='form-field__mark'>需修改</Text>}
      </View>
      {hint && <Text className='form-field__hint'>{hint}</Text>}
      <View className='form-field__row'>
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
        {unit && <Text className='form-field__unit'>{unit}</Text>}
      </View>
      <FieldError field={field} message={error} />
    </View>
  )
}

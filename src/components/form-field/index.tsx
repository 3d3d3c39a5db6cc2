import { Input, Text, View } from '@tarojs/components'
import Field from '../field'

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
  onBlur?: (value: string) => void
}

const H5_INPUT_MODE: Record<FieldKeyboard, string> = { text: 'text', number: 'numeric', idcard: 'text', digit: 'decimal' }

/** Label above, a large input, and the field's message right below it. */
export default function FormField(props: FormFieldProps) {
  const { field, label, value, placeholder, keyboard = 'text', maxlength = 140, error, marked, unit, hint } = props
  const isH5 = process.env.TARO_ENV === 'h5'
  return (
    <Field field={field} label={label} hint={hint} error={error} marked={marked}>
      <View className='field__row'>
        <Input
          className='field__input'
          data-field={field}
          value={value}
          // The browser's number input mangles long digit strings; H5 gets a text input with a numeric keypad.
          type={isH5 ? 'text' : keyboard}
          nativeProps={{ inputMode: H5_INPUT_MODE[keyboard], 'aria-label': label, 'aria-invalid': Boolean(error) }}
          placeholder={placeholder}
          placeholderClass='field__placeholder'
          maxlength={maxlength}
          onInput={(e) => props.onInput(e.detail.value)}
          onBlur={(e) => props.onBlur?.(e.detail.value)}
        />
        {unit && <Text className='field__unit'>{unit}</Text>}
      </View>
    </Field>
  )
}

import { Text } from '@tarojs/components'
import './index.css'

/** Props of a field's error line. */
export interface FieldErrorProps {
  /** The form field it belongs to, as `data-field` for tests. */
  field: string
  message?: string
}

/** The validation message shown right below its field; nothing when the field is fine. */
export default function FieldError({ field, message }: FieldErrorProps) {
  if (!message) return null
  return (
    <Text className='field-error' data-field={field}>
      {message}
    </Text>
  )
}

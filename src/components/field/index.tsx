import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import FieldError from '../field-error'
import './index.css'

/** Props of a field's frame. */
export interface FieldProps {
  /** The input field it frames (`applicant.idNumber`): its message's `data-field`, and `id="field-applicant-idNumber"` to scroll to. */
  field: string
  /** Left out for a field that names itself (a statement to tick). */
  label?: string
  /** One line of help under the label. */
  hint?: string
  error?: string
  /** The caseworker asked for this field to be fixed. */
  marked?: boolean
  /** Beside the label, on the right (e.g. an upload button). */
  aside?: ReactNode
  /** More classes on the frame, e.g. `card`. */
  className?: string
  /** `data-field` on the frame itself, for a field whose parts are its own inputs (a list of names). */
  dataField?: string
  children?: ReactNode
}

/** The DOM id of a field, for scrolling to it: dots are not allowed in a selector's id. */
export const fieldDomId = (field: string) => `field-${field.replace(/\./g, '-')}`

/**
 * What every form field shares: the label (with 需修改 when marked), a hint, the input(s), and
 * the message right below. The inputs inside use `field__input` for the framed box.
 */
export default function Field({ field, label, hint, error, marked, aside, className, dataField, children }: FieldProps) {
  const classes = ['field', error ? 'field--invalid' : '', marked ? 'field--marked' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <View className={classes} id={fieldDomId(field)} data-field={dataField}>
      {(label || marked || aside) && (
        <View className='field__head'>
          <Text className='field__label'>{label}</Text>
          {marked && <Text className='field__mark'>需修改</Text>}
          {aside}
        </View>
      )}
      {hint && <Text className='field__hint'>{hint}</Text>}
      {children}
      <FieldError field={field} message={error} />
    </View>
  )
}

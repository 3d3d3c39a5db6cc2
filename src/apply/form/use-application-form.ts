import { useMemo, useRef, useState } from 'react'
import { newRequestId } from '@/services/client'
import { EMPTY_FORM, FORM_FIELDS, validateForm, visibleMessages, type FieldMessages, type FormField, type FormValues } from './form-state'

/** The application form's state: values, which messages show, and the idempotency key. */
export function useApplicationForm() {
  const [values, setValues] = useState<FormValues>(EMPTY_FORM)
  const [shown, setShown] = useState<ReadonlySet<FormField>>(() => new Set())
  const [server, setServer] = useState<FieldMessages>({})
  // One key per filled-in form: a retried tap reuses it, an edit makes the next submit a new request.
  const requestId = useRef<string | null>(null)

  const messages = useMemo(() => visibleMessages(values, shown, server), [values, shown, server])

  const change = (field: FormField, value: string) => {
    if (values[field] === value) return
    setValues((prev) => ({ ...prev, [field]: value }))
    setServer((prev) => (prev[field] === undefined ? prev : { ...prev, [field]: undefined }))
    requestId.current = null
  }

  const reveal = (field: FormField) => setShown((prev) => (prev.has(field) ? prev : new Set(prev).add(field)))

  return {
    values,
    messages,
    change,
    /** Leaving a field: take its final value and start showing its message. */
    blur: (field: FormField, value: string) => {
      change(field, value)
      reveal(field)
    },
    /** A choice from a picker is final at once. */
    choose: (field: FormField, value: string) => {
      change(field, value)
      reveal(field)
    },
    /** Validates everything and shows every message, as a submit attempt does. */
    validateAll: () => {
      setShown(new Set(FORM_FIELDS))
      return validateForm(values)
    },
    setServerMessage: (field: FormField, message: string) => setServer((prev) => ({ ...prev, [field]: message })),
    requestId: () => (requestId.current ??= newRequestId()),
  }
}

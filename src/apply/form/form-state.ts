import { ApplicationFormSchema } from '@/domain/application-form'
import type { APPLICATION_FIELD_LABELS } from '@/domain/field-labels'
import { problemsByField, validate } from '@/domain/validate'

/** The form's fields, in screen order. */
export type FormField = keyof typeof APPLICATION_FIELD_LABELS
export const FORM_FIELDS = ['name', 'idNumber', 'phone', 'employer', 'mainCause'] as const satisfies readonly FormField[]

/** What the inputs hold: raw text, `mainCause` is a cause code or ''. */
export type FormValues = Record<FormField, string>
export type FieldMessages = Partial<Record<FormField, string>>

export const EMPTY_FORM: FormValues = { name: '', idNumber: '', phone: '', employer: '', mainCause: '' }

export function isFormField(field: string): field is FormField {
  return (FORM_FIELDS as readonly string[]).includes(field)
}

/** Runs the shared schema, exactly as the server will. */
export function validateForm(values: FormValues) {
  return validate(ApplicationFormSchema, values)
}

/**
 * The message to show beside each field: the server's, until that field is edited, otherwise the
 * schema's for fields the user has left (or all of them after a submit attempt).
 */
export function visibleMessages(values: FormValues, shown: ReadonlySet<FormField>, server: FieldMessages): FieldMessages {
  const result = validateForm(values)
  const client = result.ok ? {} : problemsByField(result.problems)
  const out: FieldMessages = {}
  for (const field of FORM_FIELDS) {
    const message = server[field] ?? (shown.has(field) ? client[field] : undefined)
    if (message) out[field] = message
  }
  return out
}

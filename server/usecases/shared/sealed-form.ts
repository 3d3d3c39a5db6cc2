import type { ApplicationForm } from '../../../src/domain/application-form'
import { emptyFormValues, type FormValues } from '../../../src/domain/form-values'
import type { ApplicationRecord, Cipher, SubmissionRecord } from '../../ports'

/** The submitted form, sealed as one value: every part of it is personal data, much of it sensitive. */
export const sealForm = (cipher: Cipher, form: ApplicationForm): string => cipher.encrypt(JSON.stringify(form))
export const openForm = (cipher: Cipher, sealed: string): ApplicationForm => JSON.parse(cipher.decrypt(sealed)) as ApplicationForm

export const sealValues = (cipher: Cipher, values: FormValues): string => cipher.encrypt(JSON.stringify(values))
export const openValues = (cipher: Cipher, sealed: string): FormValues => ({ ...emptyFormValues(), ...(JSON.parse(cipher.decrypt(sealed)) as FormValues) })

/** The record's current form, or null for a draft or a thin-journey record. */
export function currentForm(rec: ApplicationRecord, cipher: Cipher): ApplicationForm | null {
  return rec.formSealed ? openForm(cipher, rec.formSealed) : null
}

/**
 * Every submitted version with its sealed form: the current one is stored without it, as the
 * record's `formSealed` is that form (records written before that carry it twice).
 */
export function submittedForms(rec: ApplicationRecord): SubmissionRecord[] {
  const all = rec.submissions ?? []
  return all.map((s, i) => (i === all.length - 1 && !s.formSealed && rec.formSealed ? { ...s, formSealed: rec.formSealed } : s))
}

/** Every leaf of a form as `path -> JSON`, to tell which fields changed between two versions. */
function leaves(x: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
    for (const [k, val] of Object.entries(x)) leaves(val, prefix ? `${prefix}.${k}` : k, out)
  } else if (Array.isArray(x) && x.length && typeof x[0] === 'object') {
    x.forEach((item, i) => leaves(item, `${prefix}.${i}`, out))
  } else out.set(prefix, JSON.stringify(x ?? null))
  return out
}

/** Paths whose values differ between two versions of the form (added and removed members included). */
export function changedFields(before: ApplicationForm, after: ApplicationForm): string[] {
  const a = leaves(before, '', new Map())
  const b = leaves(after, '', new Map())
  const paths = new Set([...a.keys(), ...b.keys()])
  return [...paths].filter((p) => a.get(p) !== b.get(p)).sort()
}

import { ApplicationFormSchema, crossFieldProblems, SECTION_SCHEMAS } from '@/domain/application-form'
import type { FormStep } from '@/domain/api/applicant'
import { CURRENT_CONSENT, type ConsentInput } from '@/domain/consent'
import { valueAtPath } from '@/domain/form-fields'
import type { FormValues } from '@/domain/form-values'
import { problemsByField, validate } from '@/domain/validate'

/** The steps of the form, in order, with their titles. */
export const STEPS: readonly { key: FormStep; title: string }[] = [
  { key: 'consent', title: '授权同意' },
  { key: 'applicant', title: '申请人信息' },
  { key: 'members', title: '家庭成员' },
  { key: 'finances', title: '收入和支出' },
  { key: 'causes', title: '致困原因' },
  { key: 'bank', title: '银行账户' },
  { key: 'documents', title: '证明材料' },
  { key: 'review', title: '确认提交' },
]

export const stepIndex = (step: string) => Math.max(0, STEPS.findIndex((s) => s.key === step))

/** Messages by field path (`applicant.idNumber`, `members.1.name`). */
export type Messages = Record<string, string>

/** Which step a field is filled on. */
export function stepOfField(path: string): FormStep {
  const head = path.replace(/^form\./, '').split('.')[0]
  if (head === 'description') return 'causes'
  if (head === 'consent') return 'consent'
  return (STEPS.find((s) => s.key === head)?.key ?? 'review') as FormStep
}

/** The three agreements of the consent step, each its own checkbox. */
export type ConsentChoices = Record<keyof ConsentInput, boolean>

export const NO_CONSENT: ConsentChoices = { privacyVersion: false, sensitiveVersion: false, financeCheckVersion: false }

export const consentOf = (c: ConsentChoices): ConsentInput | undefined =>
  c.privacyVersion && c.sensitiveVersion && c.financeCheckVersion ? { ...CURRENT_CONSENT } : undefined

const CONSENT_MESSAGES: Record<keyof ConsentInput, string> = {
  privacyVersion: '请阅读并同意个人信息保护告知',
  sensitiveVersion: '请单独同意处理敏感个人信息',
  financeCheckVersion: '请同意家庭经济状况核对授权',
}

/** The problems of one step, checked with the shared schemas exactly as the server will check them. */
export function stepProblems(step: FormStep, values: FormValues, consent: ConsentChoices): Messages {
  if (step === 'consent') {
    return Object.fromEntries((Object.keys(CONSENT_MESSAGES) as (keyof ConsentInput)[]).filter((k) => !consent[k]).map((k) => [`consent.${k}`, CONSENT_MESSAGES[k]]))
  }
  if (step === 'documents') return {}
  if (step === 'review') return formProblems(values)
  const parts = step === 'causes' ? (['causes', 'description'] as const) : [step]
  const out: Messages = {}
  for (const part of parts) {
    const r = validate(SECTION_SCHEMAS[part], { [part]: values[part] })
    if (!r.ok) Object.assign(out, problemsByField(r.problems))
  }
  for (const p of crossFieldProblems(values)) if (stepOfField(p.field) === step && !(p.field in out)) out[p.field] = p.message
  return out
}

/** Every problem of the whole form. */
export function formProblems(values: FormValues): Messages {
  const r = validate(ApplicationFormSchema, values)
  return r.ok ? {} : problemsByField(r.problems)
}

/** The first step that has a problem, or null when the form is complete. */
export function firstStepWithProblems(values: FormValues, consent: ConsentChoices): FormStep | null {
  for (const { key } of STEPS) if (key !== 'review' && Object.keys(stepProblems(key, values, consent)).length) return key
  return null
}

/** `applicant.idNumber` -> `field-applicant-idNumber`: the element id a page scrolls to. */
export const fieldDomId = (path: string) => `field-${path.replace(/\./g, '-')}`

/**
 * The messages to show: the server's (until that field changes), else the schema's for the
 * fields the worker has left or tried to go past.
 */
export function visibleMessages(all: Messages, shown: ReadonlySet<string>, server: Messages): Messages {
  const out: Messages = {}
  for (const [field, message] of Object.entries(server)) out[field] = message
  for (const [field, message] of Object.entries(all)) if (shown.has(field) && !(field in out)) out[field] = message
  return out
}

/** The text (or list) at a field path of the values. */
export function valueAt(values: FormValues, path: string): string | string[] {
  const at = valueAtPath(values, path)
  return Array.isArray(at) ? (at as string[]) : typeof at === 'string' ? at : ''
}

/** The values with the field at `path` set (a new object along the path, the rest shared). */
export function setValueAt(values: FormValues, path: string, value: string | string[]): FormValues {
  const keys = path.split('.')
  const set = (node: unknown, i: number): unknown => {
    if (i === keys.length) return value
    const k = keys[i]
    if (Array.isArray(node)) return node.map((item, j) => (String(j) === k ? set(item, i + 1) : item))
    const obj = (node ?? {}) as Record<string, unknown>
    return { ...obj, [k]: set(obj[k], i + 1) }
  }
  return set(values, 0) as FormValues
}

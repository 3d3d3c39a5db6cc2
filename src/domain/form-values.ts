import * as v from 'valibot'
import type { ApplicationForm } from './application-form'
import { maxLengthOf, toText, type TextOf } from './field-kinds'
import { APPLICANT_FIELDS, BANK_FIELDS, CAUSE_FIELDS, FINANCE_FIELDS, FORM_PARTS, MAX_MEMBERS, MEMBER_FIELDS, type Field, type Fields } from './form-fields'

/** A part's fields as the form holds them: text, or a list of codes. */
export type Texts<F extends Fields> = { -readonly [K in keyof F]: TextOf<F[K]['kind']> }

/**
 * The form as it is being filled: text everywhere (money and numbers as typed, choices as codes,
 * '' before a choice). A draft is stored like this, valid or not, on the phone and on the server.
 * Its keys are the registry's (`form-fields.ts`).
 */
export interface FormValues {
  applicant: Texts<typeof APPLICANT_FIELDS>
  members: Texts<typeof MEMBER_FIELDS>[]
  finances: Texts<typeof FINANCE_FIELDS>
  causes: Texts<typeof CAUSE_FIELDS>
  bank: Texts<typeof BANK_FIELDS>
  description: string
}

const map = <F extends Fields, T>(fields: F, each: (f: Field, key: string) => T) =>
  Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, each(f, key)])) as { [K in keyof F]: T }

const blank = <F extends Fields>(fields: F) => map(fields, (f) => (f.kind.type === 'codes' ? [] : '')) as unknown as Texts<F>

export const emptyMember = () => blank(MEMBER_FIELDS)

/** A form with nothing filled in. */
export function emptyFormValues(): FormValues {
  return {
    applicant: blank(APPLICANT_FIELDS),
    members: [],
    finances: blank(FINANCE_FIELDS),
    causes: blank(CAUSE_FIELDS),
    bank: blank(BANK_FIELDS),
    description: '',
  }
}

/** A draft's text is bounded by its field's own limit, and never below this (a draft may hold what the form will refuse). */
const DRAFT_TEXT = 80

const draftText = (max: number) => v.optional(v.pipe(v.string('草稿内容应为文本'), v.maxLength(max, '草稿内容过长')), '')

function draftField(f: Field) {
  if (f.kind.type !== 'codes') return draftText(Math.max(DRAFT_TEXT, maxLengthOf(f.kind)))
  const item = v.pipe(v.string(`${f.label}应为文本`), v.maxLength(40, `${f.label}不正确`))
  return v.optional(v.pipe(v.array(item, `${f.label}应为列表`), v.maxLength(f.kind.max, `${f.label}最多选${f.kind.max}项`)), () => [])
}

const draftPart = (fields: Fields) => v.optional(v.strictObject(map(fields, draftField), '草稿格式不正确'), () => blank(fields))

/**
 * A draft as the server accepts it: the shape of FormValues with bounded text, nothing else
 * checked (a draft may be half-filled or wrong). Missing parts and fields are filled with ''.
 */
export const FormValuesSchema = v.strictObject({
  applicant: draftPart(APPLICANT_FIELDS),
  members: v.optional(v.pipe(v.array(draftPart(MEMBER_FIELDS), '家庭成员应为列表'), v.maxLength(MAX_MEMBERS, `家庭成员最多填写${MAX_MEMBERS}人`)), () => []),
  finances: draftPart(FINANCE_FIELDS),
  causes: draftPart(CAUSE_FIELDS),
  bank: draftPart(BANK_FIELDS),
  description: draftText(500),
}, '草稿格式不正确') as unknown as v.GenericSchema<FormValues, FormValues>

const texts = <F extends Fields>(fields: F, stored: object | undefined) =>
  map(fields, (f, key) => toText(f.kind, (stored as Record<string, unknown> | undefined)?.[key])) as unknown as Texts<F>

/** A checked form back into the text a form shows (to fix and resubmit it); a field the form did not have yet is blank. */
export function formToValues(f: ApplicationForm): FormValues {
  const { applicant, finances, causes, bank, members } = FORM_PARTS
  return {
    applicant: texts(applicant.fields, f.applicant),
    members: f.members.map((m) => texts(members.fields, m)),
    finances: texts(finances.fields, f.finances),
    causes: texts(causes.fields, f.causes),
    bank: texts(bank.fields, f.bank),
    description: f.description,
  }
}

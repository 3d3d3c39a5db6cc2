import { DESCRIPTION_FIELD, FORM_PARTS, type Fields, type FormPart } from '@/domain/form-fields'
import { formFieldName, memberTitle } from '@/domain/form-labels'

/** A group of fields the caseworker may ask the worker to fix. */
export interface FixableGroup {
  title: string
  fields: { path: string; label: string }[]
}

const DOCUMENTS = 'documents'

/** `members.1.idNumber` -> `家庭成员2 身份证号`; `documents` -> `材料`. */
export function fieldName(path: string): string {
  return path === DOCUMENTS ? '材料' : formFieldName(path)
}

/** A part's fields under `prefix` (`applicant`, `members.1`). */
const fieldsOf = (part: FormPart, prefix: string = part) =>
  Object.entries(FORM_PARTS[part].fields as Fields).map(([key, f]) => ({ path: `${prefix}.${key}`, label: f.label }))

/** The form's fields by part, each member's fields under the member's name, then the description and the documents. */
export function fixableGroups(memberNames: readonly string[]): FixableGroup[] {
  const parts = Object.keys(FORM_PARTS) as FormPart[]
  return [
    ...parts.flatMap((part) =>
      part === 'members'
        ? memberNames.map((name, i) => ({ title: `${memberTitle(i)}（${name}）`, fields: fieldsOf(part, `members.${i}`) }))
        : [{ title: FORM_PARTS[part].title, fields: fieldsOf(part) }],
    ),
    { title: '其他', fields: [{ path: 'description', label: DESCRIPTION_FIELD.label }, { path: DOCUMENTS, label: '材料' }] },
  ]
}

import { FORM_FIELD_LABELS, formFieldLabel, memberNumberOf } from '@/domain/form-labels'

/** A group of fields the caseworker may ask the worker to fix. */
export interface FixableGroup {
  title: string
  fields: { path: string; label: string }[]
}

const DOCUMENTS = 'documents'

/** `members.1.idNumber` -> `家庭成员2 身份证号`; `documents` -> `材料`. */
export function fieldName(path: string): string {
  if (path === DOCUMENTS) return '材料'
  const n = memberNumberOf(path)
  const label = formFieldLabel(path) ?? path
  return n ? `家庭成员${n} ${label}` : label
}

const leaves = (prefix: string) =>
  Object.keys(FORM_FIELD_LABELS)
    .filter((k) => k.startsWith(`${prefix}.`) && !k.slice(prefix.length + 1).includes('.'))
    .map((path) => ({ path, label: FORM_FIELD_LABELS[path] }))

/** The form's fields by section, each member's fields under the member's name, then the description and the documents. */
export function fixableGroups(memberNames: readonly string[]): FixableGroup[] {
  const memberFields = Object.keys(FORM_FIELD_LABELS).filter((k) => k.startsWith('members.*.'))
  return [
    { title: '申请人信息', fields: leaves('applicant') },
    ...memberNames.map((name, i) => ({
      title: `家庭成员${i + 1}（${name}）`,
      fields: memberFields.map((k) => ({ path: k.replace('*', String(i)), label: FORM_FIELD_LABELS[k] })),
    })),
    { title: '收入和支出', fields: leaves('finances') },
    { title: '致困原因', fields: leaves('causes') },
    { title: '银行账户', fields: leaves('bank') },
    { title: '其他', fields: [{ path: 'description', label: FORM_FIELD_LABELS.description }, { path: DOCUMENTS, label: '材料' }] },
  ]
}

import { APPLICATION_FIELDS, FORM_PARTS, generalPath } from './form-fields'

/** Chinese labels of the application form's fields, by dotted path (`members.*` for every member): the registry's, and the inputs' around the form. */
export const FORM_FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(FORM_PARTS).map(([part, { title }]) => [part, title])),
  ...Object.fromEntries(APPLICATION_FIELDS.map((f) => [f.path, f.label])),
  documents: '证明材料',
  form: '申请表',
  values: '申请表',
  consent: '授权同意',
  'consent.privacyVersion': '隐私政策',
  'consent.sensitiveVersion': '敏感个人信息处理同意',
  'consent.financeCheckVersion': '家庭经济状况核对授权',
  step: '填写步骤',
  applicationId: '申请编号',
  documentId: '材料编号',
  kind: '材料类型',
  fileName: '文件名',
  fileId: '文件',
  expectedVersion: '版本',
  unitId: '所在工会',
  parentId: '上级工会',
}

/** The label of a field path, with member indexes folded (`members.2.name` -> `members.*.name`); undefined when unknown. */
export function formFieldLabel(path: string): string | undefined {
  return FORM_FIELD_LABELS[generalPath(path)] ?? FORM_FIELD_LABELS[path]
}

/** `form.members.1.idNumber` -> 2 (the member's number as a person counts), or null. */
export function memberNumberOf(path: string): number | null {
  const m = /(?:^|\.)members\.(\d+)(?:\.|$)/.exec(path)
  return m ? Number(m[1]) + 1 : null
}

/** A family member as the form counts them: index 1 -> `家庭成员2`. */
export const memberTitle = (index: number) => `家庭成员${index + 1}`

/**
 * A field as a person names it: `members.1.idNumber` -> `家庭成员2 身份证号` (`joiner` between the
 * member and the label), or by the member's name when `memberNames` has it (`李小红 身份证号`);
 * the path itself when unknown.
 */
export function formFieldName(path: string, joiner = ' ', memberNames: readonly string[] = []): string {
  const n = memberNumberOf(path)
  const label = formFieldLabel(path) ?? path
  if (!n) return label
  const name = memberNames[n - 1]?.trim()
  return `${name || memberTitle(n - 1)}${joiner}${label}`
}

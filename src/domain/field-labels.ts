/** Labels of the application form's fields, used in messages and by the pages. */
export const APPLICATION_FIELD_LABELS = {
  name: '姓名',
  idNumber: '身份证号',
  phone: '手机号码',
  employer: '工作单位',
  mainCause: '主要致困原因',
} as const

/** Chinese labels of every input field, by field name, for messages that name a field. */
export const FIELD_LABELS: Record<string, string> = {
  ...APPLICATION_FIELD_LABELS,
  page: '页码',
  pageSize: '每页条数',
  id: '申请编号',
}

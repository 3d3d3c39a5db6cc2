/** Chinese labels of the application form's fields, by dotted path (`members.*` for every member). */
export const FORM_FIELD_LABELS: Record<string, string> = {
  applicant: '申请人信息',
  'applicant.name': '姓名',
  'applicant.idNumber': '身份证号',
  'applicant.phone': '手机号码',
  'applicant.health': '健康状况',
  'applicant.disability': '残疾类别',
  'applicant.modelWorker': '劳模类型',
  'applicant.workStatus': '工作状态',
  'applicant.employer': '工作单位',
  'applicant.employerNature': '单位性质',
  'applicant.unitId': '所在工会',
  'applicant.hukou': '户口类型',
  'applicant.housing': '住房类型',
  'applicant.housingArea': '住房面积',
  'applicant.medicalInsurance': '医保状况',
  'applicant.zeroEmploymentFamily': '是否零就业家庭',
  members: '家庭成员',
  'members.*.name': '姓名',
  'members.*.relation': '与申请人关系',
  'members.*.idNumber': '身份证号',
  'members.*.health': '健康状况',
  'members.*.occupation': '职业或就读学校',
  'members.*.monthlyIncome': '月收入',
  finances: '收入和支出',
  'finances.householdSize': '家庭人口',
  'finances.annualIncome': '家庭年收入',
  'finances.applicantMonthlyIncome': '本人月收入',
  'finances.medicalExpenses': '医疗支出',
  'finances.schoolingExpenses': '教育支出',
  'finances.otherRigidExpenses': '其他刚性支出',
  'finances.accidentOrDisaster': '近一年是否遭遇重大事故或灾害',
  'finances.hardshipCosts': '今年因病因灾等产生的费用',
  causes: '致困原因',
  'causes.mainCause': '主要致困原因',
  'causes.secondaryCauses': '次要致困原因',
  bank: '银行账户',
  'bank.bankName': '开户银行',
  'bank.accountName': '户名',
  'bank.accountNumber': '银行账号',
  description: '困难情况说明',
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
  const general = path.replace(/^(\w+\.)?members\.\d+/, (_m, prefix: string | undefined) => `${prefix ?? ''}members.*`).replace(/^(form|values)\./, '')
  return FORM_FIELD_LABELS[general] ?? FORM_FIELD_LABELS[path]
}

/** `form.members.1.idNumber` -> 2 (the member's number as a person counts), or null. */
export function memberNumberOf(path: string): number | null {
  const m = /(?:^|\.)members\.(\d+)(?:\.|$)/.exec(path)
  return m ? Number(m[1]) + 1 : null
}

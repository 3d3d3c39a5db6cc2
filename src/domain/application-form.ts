import * as v from 'valibot'
import { APPLICATION_FIELD_LABELS } from './field-labels'
import {
  DISABILITY_CODES,
  EMPLOYER_NATURE_CODES,
  HEALTH_CODES,
  HOUSING_CODES,
  HUKOU_CODES,
  MEDICAL_INSURANCE_CODES,
  MODEL_WORKER_CODES,
  RELATION_CODES,
  WORK_STATUS_CODES,
  YES_NO_CODES,
} from './form-codes'
import { HARDSHIP_CAUSE_CODES } from './hardship-causes'
import { idNumberProblem, normalizeIdNumber } from './id-number'
import { MAX_FEN, parseYuan } from './money'
import { isValidMobile, normalizePhone } from './phone'

export { APPLICATION_FIELD_LABELS }

/**
 * The national file form (档案表) as one schema shared by the pages and the functions.
 * What the form holds while it is being filled (`FormValues`) is text: numbers and money as typed,
 * yes/no and coded choices as codes. The schema checks it and gives the stored form
 * (`ApplicationForm`): money in integer fen, numbers as numbers, yes/no as booleans.
 * Every message is plain Chinese and names its field.
 */

const requiredText = (label: string, max: number) =>
  v.pipe(v.string(`请填写${label}`), v.trim(), v.nonEmpty(`请填写${label}`), v.maxLength(max, `${label}不能超过${max}个字`))

const choice = <const C extends readonly [string, ...string[]]>(options: C, label: string) =>
  v.picklist(options, `请选择${label}`)

/** A person's name: 2-30 characters, Chinese names may carry a middle dot. */
export const NameSchema = v.pipe(
  requiredText('姓名', 30),
  v.regex(/^[\u4e00-\u9fa5·•A-Za-z\s]{2,30}$/u, '姓名只能包含汉字、字母或间隔号，至少2个字'),
)

export const IdNumberSchema = v.pipe(
  v.string('请填写身份证号'),
  v.transform(normalizeIdNumber),
  v.nonEmpty('请填写身份证号'),
  v.check((s) => idNumberProblem(s) === null, (issue) => idNumberProblem(String(issue.input)) ?? '身份证号不正确'),
)

export const MobileSchema = v.pipe(
  v.string('请填写手机号码'),
  v.transform(normalizePhone),
  v.nonEmpty('请填写手机号码'),
  v.check(isValidMobile, '手机号码应为11位，以1开头'),
)

/** A yuan amount as typed (`'1234.5'`) -> integer fen. */
export const moneySchema = (label: string) =>
  v.pipe(
    v.string(`请填写${label}`),
    v.trim(),
    v.nonEmpty(`请填写${label}（没有请填0）`),
    v.check((s) => parseYuan(s) !== null, `${label}应为金额，单位元，最多两位小数`),
    v.transform((s) => parseYuan(s) as number),
    v.maxValue(MAX_FEN, `${label}金额过大，请核对`),
  )

/** A whole number as typed -> number within [min, max]. */
const wholeNumber = (label: string, min: number, max: number, unit: string) =>
  v.pipe(
    v.string(`请填写${label}`),
    v.trim(),
    v.nonEmpty(`请填写${label}`),
    v.regex(/^\d{1,4}$/, `${label}应为整数`),
    v.transform(Number),
    v.minValue(min, `${label}至少为${min}${unit}`),
    v.maxValue(max, `${label}不能超过${max}${unit}`),
  )

/** 'yes' / 'no' -> boolean. */
const yesNo = (label: string) => v.pipe(choice(YES_NO_CODES, label), v.transform((s) => s === 'yes'))

export const ApplicantSchema = v.strictObject({
  name: NameSchema,
  idNumber: IdNumberSchema,
  phone: MobileSchema,
  health: choice(HEALTH_CODES, '健康状况'),
  disability: choice(DISABILITY_CODES, '残疾类别'),
  modelWorker: choice(MODEL_WORKER_CODES, '劳模类型'),
  workStatus: choice(WORK_STATUS_CODES, '工作状态'),
  employer: requiredText('工作单位', 60),
  employerNature: choice(EMPLOYER_NATURE_CODES, '单位性质'),
  unitId: v.pipe(v.string('请选择所在工会'), v.nonEmpty('请选择所在工会'), v.maxLength(64, '所在工会不正确')),
  hukou: choice(HUKOU_CODES, '户口类型'),
  housing: choice(HOUSING_CODES, '住房类型'),
  housingArea: wholeNumber('住房面积', 0, 2000, '平方米'),
  medicalInsurance: choice(MEDICAL_INSURANCE_CODES, '医保状况'),
  zeroEmploymentFamily: yesNo('是否零就业家庭'),
}, '申请人信息格式不正确')

export const MemberSchema = v.strictObject({
  name: NameSchema,
  relation: choice(RELATION_CODES, '与申请人关系'),
  idNumber: IdNumberSchema,
  health: choice(HEALTH_CODES, '健康状况'),
  occupation: requiredText('职业或就读学校', 40),
  monthlyIncome: moneySchema('月收入'),
}, '家庭成员信息格式不正确')

/** At most 10 family members besides the applicant. */
export const MAX_MEMBERS = 10

export const MembersSchema = v.pipe(v.array(MemberSchema, '家庭成员应为列表'), v.maxLength(MAX_MEMBERS, `家庭成员最多填写${MAX_MEMBERS}人`))

/** Household income and rigid expenses: the same figures as the self-check. */
export const FinancesSchema = v.strictObject({
  householdSize: wholeNumber('家庭人口', 1, 20, '人'),
  annualIncome: moneySchema('家庭年收入'),
  applicantMonthlyIncome: moneySchema('本人月收入'),
  medicalExpenses: moneySchema('医疗支出'),
  schoolingExpenses: moneySchema('教育支出'),
  otherRigidExpenses: moneySchema('其他刚性支出'),
  accidentOrDisaster: yesNo('近一年是否遭遇重大事故或灾害'),
  hardshipCosts: moneySchema('今年因病因灾等产生的费用'),
}, '收入和支出格式不正确')

/** At most three secondary causes besides the main one. */
export const MAX_SECONDARY_CAUSES = 3

export const CausesSchema = v.strictObject({
  mainCause: v.picklist(HARDSHIP_CAUSE_CODES, '请选择主要致困原因'),
  secondaryCauses: v.pipe(
    v.array(v.picklist(HARDSHIP_CAUSE_CODES, '次要致困原因不正确'), '次要致困原因应为列表'),
    v.maxLength(MAX_SECONDARY_CAUSES, `次要致困原因最多选${MAX_SECONDARY_CAUSES}项`),
    v.check((list) => new Set(list).size === list.length, '次要致困原因不能重复'),
  ),
}, '致困原因格式不正确')

export const BankSchema = v.strictObject({
  bankName: requiredText('开户银行', 40),
  accountName: v.pipe(requiredText('户名', 30), v.regex(/^[\u4e00-\u9fa5·•A-Za-z\s]{2,30}$/u, '户名只能包含汉字、字母或间隔号')),
  accountNumber: v.pipe(
    v.string('请填写银行账号'),
    v.transform((s) => s.replace(/[\s-]/g, '')),
    v.nonEmpty('请填写银行账号'),
    v.regex(/^\d{12,30}$/, '银行账号应为12到30位数字'),
  ),
}, '银行账户格式不正确')

export const DescriptionSchema = v.pipe(
  v.string('请简要说明家庭困难情况'),
  v.trim(),
  v.minLength(10, '请简要说明家庭困难情况（至少10个字）'),
  v.maxLength(500, '困难情况说明不能超过500个字'),
)

/** What the cross-field rules read: the raw values or the checked form alike. */
interface CrossInput {
  applicant: { name: string; idNumber: string }
  members: readonly { idNumber: string }[]
  finances: { householdSize: string | number }
  causes: { mainCause: string; secondaryCauses: readonly string[] }
  bank: { accountName: string }
}

/** Rules between fields, each reported at the field to change. */
export function crossFieldProblems(f: CrossInput): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = []
  const applicantId = normalizeIdNumber(f.applicant.idNumber)
  const seen = new Map<string, number>()
  f.members.forEach((m, i) => {
    const id = normalizeIdNumber(m.idNumber)
    if (!id) return
    if (id === applicantId) out.push({ field: `members.${i}.idNumber`, message: `家庭成员${i + 1}：身份证号与申请人相同` })
    else if (seen.has(id)) out.push({ field: `members.${i}.idNumber`, message: `家庭成员${i + 1}：身份证号与家庭成员${seen.get(id)! + 1}重复` })
    else seen.set(id, i)
  })
  const size = Number(f.finances.householdSize)
  if (Number.isInteger(size) && size > 0 && size < f.members.length + 1) {
    out.push({ field: 'finances.householdSize', message: `家庭人口不能少于申请人和家庭成员的人数（${f.members.length + 1}人）` })
  }
  if (f.causes.mainCause && f.causes.secondaryCauses.includes(f.causes.mainCause)) {
    out.push({ field: 'causes.secondaryCauses', message: '次要致困原因不能与主要致困原因相同' })
  }
  const name = f.applicant.name.trim()
  if (name && f.bank.accountName.trim() && f.bank.accountName.trim() !== name) {
    out.push({ field: 'bank.accountName', message: '户名应与申请人姓名一致，帮扶资金只发放到本人账户' })
  }
  return out
}

const pathOf = (field: string) =>
  field.split('.').map((key) => ({ type: 'object', origin: 'value', input: {}, key, value: undefined })) as unknown as [v.IssuePathItem, ...v.IssuePathItem[]]

/** The whole form. Strict: an unknown key is a validation error, not silently dropped. */
export const ApplicationFormSchema = v.pipe(
  v.strictObject({
    applicant: ApplicantSchema,
    members: MembersSchema,
    finances: FinancesSchema,
    causes: CausesSchema,
    bank: BankSchema,
    description: DescriptionSchema,
  }, '申请表格式不正确'),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    for (const p of crossFieldProblems(dataset.value)) addIssue({ message: p.message, path: pathOf(p.field) })
  }),
)

export type ApplicationFormInput = v.InferInput<typeof ApplicationFormSchema>
export type ApplicationForm = v.InferOutput<typeof ApplicationFormSchema>
export type ApplicantData = ApplicationForm['applicant']
export type MemberData = ApplicationForm['members'][number]
export type FinancesData = ApplicationForm['finances']

/** The form's parts, each filled on its own step. */
export const FORM_SECTIONS = ['applicant', 'members', 'finances', 'causes', 'bank', 'description'] as const
export type FormSection = (typeof FORM_SECTIONS)[number]

/** One section's schema, wrapped so that its problems carry the full path (`applicant.idNumber`). */
export const SECTION_SCHEMAS = {
  applicant: v.object({ applicant: ApplicantSchema }),
  members: v.object({ members: MembersSchema }),
  finances: v.object({ finances: FinancesSchema }),
  causes: v.object({ causes: CausesSchema }),
  bank: v.object({ bank: BankSchema }),
  description: v.object({ description: DescriptionSchema }),
} as const satisfies Record<FormSection, v.GenericSchema>

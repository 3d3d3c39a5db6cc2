import type * as v from 'valibot'
import { kind, kindSchema, type FieldKind, type TextOf, type ValueOf } from './field-kinds'
import {
  DISABILITY_KINDS,
  EMPLOYER_NATURES,
  HEALTH_STATUSES,
  HOUSING_TYPES,
  HUKOU_TYPES,
  MEDICAL_INSURANCES,
  MODEL_WORKER_TYPES,
  RELATIONS,
  WORK_STATUSES,
} from './form-codes'
import { HARDSHIP_CAUSES } from './hardship-causes'

/**
 * The application-field registry: every field of the national file form (档案表) once, with its
 * label, kind, limits, sensitivity, export header and the views it shows in. The form's schema,
 * its value keys, the labels of messages, the worker's and the case page's views, the household
 * file and the export columns are all derived from here.
 */

/** How a field is protected. Every field is encrypted at rest (a submitted form is sealed as one value); beyond that: */
export type Sensitivity =
  /** Shown in full wherever the form is shown. */
  | 'encrypted'
  /** In full on the application's pages (the worker's, the case page); masked on the household file and in exports unless the caller may reveal. */
  | 'masked'
  /** Masked everywhere; in full only through the case page's audited reveal, and in exports to those who may reveal. */
  | 'revealable'

/** Where a field shows besides the case page, which shows every field. */
export type FieldView =
  /** The worker's summaries: the form's last step and their application page. */
  | 'summary'
  /** The household file (档案) the filed application made. */
  | 'file'
  /** The household export (建档户导出). */
  | 'export'

/** One field as written in the registry. */
export interface FieldSpec {
  /** What the form asks, and the name its messages use. */
  readonly label: string
  /** A shorter name for the rows of a page; the label otherwise. */
  readonly short?: string
  readonly kind: FieldKind
  /** The column header in exports and tables, in the national file form's words. */
  readonly header: string
  readonly sensitivity: Sensitivity
  readonly views: readonly FieldView[]
  readonly placeholder?: string
  readonly hint?: string
  /** How an empty long text is asked for (`请简要说明…`); `请填写{label}` otherwise. */
  readonly prompt?: string
}

/** A field of the registry: its spec and the schema derived from it. */
export type Field<S extends FieldSpec = FieldSpec> = S & { readonly schema: v.GenericSchema<TextOf<S['kind']>, ValueOf<S['kind']>> }

/** A group of fields by key. */
export type Fields = Readonly<Record<string, Field>>

const field = <const S extends FieldSpec>(spec: S): Field<S> => ({ ...spec, schema: kindSchema(spec.label, spec.kind, spec.prompt) }) as unknown as Field<S>

/** A field's rules under another name (`核实的家庭人口`): the same checks, messages naming it so. */
export const relabel = <F extends Field>(f: F, label: string): F['schema'] => kindSchema(label, f.kind, f.prompt) as F['schema']

/** At most this many family members besides the applicant. */
export const MAX_MEMBERS = 10
/** At most this many secondary causes besides the main one. */
export const MAX_SECONDARY_CAUSES = 3

/** The applicant: person, job, union, home. */
export const APPLICANT_FIELDS = {
  name: field({ label: '姓名', kind: kind.personName(), header: '姓名', sensitivity: 'encrypted', views: ['summary', 'export'], placeholder: '请输入您的姓名' }),
  idNumber: field({
    label: '身份证号', kind: kind.idNumber(), header: '身份证号', sensitivity: 'revealable', views: ['summary', 'export'],
    placeholder: '18位身份证号码', hint: '加密保存，仅用于本次帮扶审核',
  }),
  phone: field({ label: '手机号码', kind: kind.mobile(), header: '联系电话', sensitivity: 'revealable', views: ['summary', 'export'], placeholder: '11位手机号码' }),
  health: field({ label: '健康状况', kind: kind.code(HEALTH_STATUSES), header: '健康状况', sensitivity: 'encrypted', views: ['summary', 'export'] }),
  disability: field({ label: '残疾类别', kind: kind.code(DISABILITY_KINDS), header: '残疾类别', sensitivity: 'encrypted', views: ['export'] }),
  modelWorker: field({ label: '劳模类型', kind: kind.code(MODEL_WORKER_TYPES), header: '劳模类型', sensitivity: 'encrypted', views: ['export'] }),
  workStatus: field({ label: '工作状态', kind: kind.code(WORK_STATUSES), header: '工作状态', sensitivity: 'encrypted', views: ['summary', 'export'] }),
  employer: field({ label: '工作单位', kind: kind.text(60), header: '工作单位', sensitivity: 'encrypted', views: ['summary', 'export'], placeholder: '单位全称，没有请填“无”' }),
  employerNature: field({ label: '单位性质', kind: kind.code(EMPLOYER_NATURES), header: '单位性质', sensitivity: 'encrypted', views: ['export'] }),
  unitId: field({
    label: '所在工会', kind: kind.unit(), header: '所在工会', sensitivity: 'encrypted', views: ['summary'],
    hint: '在职职工选单位所在地工会，点“下级”可找到本单位工会；灵活就业或失业的选居住地街道（乡镇）工会',
  }),
  hukou: field({ label: '户口类型', kind: kind.code(HUKOU_TYPES), header: '户口类型', sensitivity: 'encrypted', views: ['export'] }),
  housing: field({ label: '住房类型', kind: kind.code(HOUSING_TYPES), header: '住房类型', sensitivity: 'encrypted', views: ['export'] }),
  housingArea: field({ label: '住房面积', kind: kind.count(0, 2000, '平方米'), header: '住房面积（平方米）', sensitivity: 'encrypted', views: ['export'], placeholder: '没有请填0' }),
  medicalInsurance: field({ label: '医保状况', kind: kind.code(MEDICAL_INSURANCES), header: '医保状况', sensitivity: 'encrypted', views: ['export'] }),
  zeroEmploymentFamily: field({
    label: '是否零就业家庭', short: '零就业家庭', kind: kind.yesNo(), header: '零就业家庭', sensitivity: 'encrypted', views: ['export'],
    hint: '家庭中有劳动能力的成员均未就业',
  }),
  homeAddress: field({
    label: '家庭住址', kind: kind.text(100), header: '家庭住址', sensitivity: 'encrypted', views: ['summary', 'file', 'export'],
    placeholder: '如：弥勒市弥阳街道髯翁社区人民路12号', hint: '入户调查时工作人员按这个地址上门',
  }),
  homePhone: field({
    label: '家庭联系电话', kind: kind.mobile(), header: '家庭联系电话', sensitivity: 'revealable', views: ['summary', 'file', 'export'],
    placeholder: '11位手机号码', hint: '家里能联系到的电话，可以与您的手机号码相同',
  }),
} as const

/** Each family member living with the applicant. */
export const MEMBER_FIELDS = {
  name: field({ label: '姓名', kind: kind.personName(), header: '姓名', sensitivity: 'masked', views: ['summary', 'file'] }),
  relation: field({ label: '与申请人关系', kind: kind.code(RELATIONS), header: '与申请人关系', sensitivity: 'encrypted', views: ['summary', 'file'] }),
  idNumber: field({ label: '身份证号', kind: kind.idNumber(), header: '身份证号', sensitivity: 'revealable', views: ['summary', 'file'], placeholder: '18位身份证号码' }),
  health: field({ label: '健康状况', kind: kind.code(HEALTH_STATUSES), header: '健康状况', sensitivity: 'encrypted', views: ['file'] }),
  occupation: field({ label: '职业或就读学校', kind: kind.text(40), header: '职业或就读学校', sensitivity: 'encrypted', views: ['file'], placeholder: '如：务农、弥勒一中学生、无业' }),
  monthlyIncome: field({ label: '月收入', kind: kind.money(), header: '月收入', sensitivity: 'encrypted', views: [] }),
} as const

/** Household income and rigid expenses: the same figures as the self-check. */
export const FINANCE_FIELDS = {
  householdSize: field({
    label: '家庭人口', kind: kind.count(1, 20, '人'), header: '家庭人口', sensitivity: 'encrypted', views: ['summary', 'export'],
    hint: '共同生活的家庭成员人数，含您本人',
  }),
  annualIncome: field({
    label: '家庭年收入', kind: kind.money(), header: '家庭年收入', sensitivity: 'encrypted', views: ['summary', 'export'],
    hint: '近12个月全家的工资、经营、养老金等收入合计',
  }),
  applicantMonthlyIncome: field({ label: '本人月收入', kind: kind.money(), header: '本人月收入', sensitivity: 'encrypted', views: ['export'] }),
  medicalExpenses: field({ label: '医疗支出', kind: kind.money(), header: '医疗支出', sensitivity: 'encrypted', views: ['summary'], hint: '自付的医药费、住院费' }),
  schoolingExpenses: field({ label: '教育支出', kind: kind.money(), header: '教育支出', sensitivity: 'encrypted', views: ['summary'], hint: '子女学费、住宿费' }),
  otherRigidExpenses: field({ label: '其他刚性支出', kind: kind.money(), header: '其他刚性支出', sensitivity: 'encrypted', views: ['summary'] }),
  accidentOrDisaster: field({ label: '近一年是否遭遇重大事故或灾害', short: '重大事故或灾害', kind: kind.yesNo(), header: '重大事故或灾害', sensitivity: 'encrypted', views: [] }),
  hardshipCosts: field({ label: '今年因病因灾等产生的费用', short: '因病因灾等费用', kind: kind.money(), header: '因病因灾等费用', sensitivity: 'encrypted', views: [] }),
} as const

/** 致困原因: one main cause and up to three secondary ones. */
export const CAUSE_FIELDS = {
  mainCause: field({ label: '主要致困原因', kind: kind.code(HARDSHIP_CAUSES), header: '主要致困原因', sensitivity: 'encrypted', views: ['summary', 'export'] }),
  secondaryCauses: field({
    label: '次要致困原因', kind: kind.codes(HARDSHIP_CAUSES, MAX_SECONDARY_CAUSES), header: '次要致困原因', sensitivity: 'encrypted', views: ['summary', 'export'],
    hint: `可不选，最多选${MAX_SECONDARY_CAUSES}项`,
  }),
} as const

/** Where aid money is paid: the applicant's own account. */
export const BANK_FIELDS = {
  bankName: field({ label: '开户银行', kind: kind.text(40), header: '开户银行', sensitivity: 'encrypted', views: ['summary', 'export'], placeholder: '如：中国农业银行弥勒支行' }),
  accountName: field({ label: '户名', kind: kind.personName(), header: '户名', sensitivity: 'encrypted', views: ['summary'], placeholder: '与申请人姓名一致' }),
  accountNumber: field({ label: '银行账号', kind: kind.bankAccount(), header: '银行账号', sensitivity: 'revealable', views: ['summary', 'export'], placeholder: '银行卡号' }),
} as const

/** The worker's own words on the household's hardship. */
export const DESCRIPTION_FIELD = field({
  label: '困难情况说明', kind: kind.longText(10, 500), header: '困难情况说明', sensitivity: 'encrypted', views: ['summary'],
  prompt: '请简要说明家庭困难情况', hint: '用几句话说明家庭遇到的困难，10到500字', placeholder: '例如：本人患慢性病长期服药，妻子无业，孩子上学……',
})

/** The form's parts made of fields, in the form's order, with their titles (`members` is a list of them). */
export const FORM_PARTS = {
  applicant: { title: '申请人信息', fields: APPLICANT_FIELDS },
  members: { title: '家庭成员', fields: MEMBER_FIELDS },
  finances: { title: '收入和支出', fields: FINANCE_FIELDS },
  causes: { title: '致困原因', fields: CAUSE_FIELDS },
  bank: { title: '银行账户', fields: BANK_FIELDS },
} as const

export type FormPart = keyof typeof FORM_PARTS

/** A field with its dotted path: `applicant.idNumber`, `members.*.idNumber` (every member), `description`. */
export type PlacedField = Field & { readonly path: string; readonly key: string }

/** Every field of the form, in the form's order. */
export const APPLICATION_FIELDS: readonly PlacedField[] = [
  ...Object.entries(FORM_PARTS).flatMap(([part, { fields }]) =>
    Object.entries(fields as Fields).map(([key, f]) => ({ ...f, key, path: part === 'members' ? `members.*.${key}` : `${part}.${key}` })),
  ),
  { ...DESCRIPTION_FIELD, key: 'description', path: 'description' },
]

const BY_PATH = new Map(APPLICATION_FIELDS.map((f) => [f.path, f]))

/** A path as the registry writes it: member indexes folded (`members.2.name` -> `members.*.name`), a `form.` or `values.` prefix dropped. */
export const generalPath = (path: string) => path.replace(/^(form|values)\./, '').replace(/^members\.\d+\./, 'members.*.')

/** The field at a path of the form (`members.1.idNumber` included); undefined for anything else. */
export const fieldAt = (path: string): PlacedField | undefined => BY_PATH.get(generalPath(path))

/** The name a page's row gives a field. */
export const rowLabel = (f: FieldSpec) => f.short ?? f.label

/** Whether `path` names one field of a form: `applicant.phone`, `members.3.idNumber`, `description`. */
export const isFieldPath = (path: string) => /^(\w+\.\w+|members\.\d{1,2}\.\w+|description)$/.test(path) && fieldAt(path) !== undefined

/** Whether `path` names one revealable value of a form. */
export const isRevealablePath = (path: string) => isFieldPath(path) && fieldAt(path)?.sensitivity === 'revealable'

/** The value at a dotted path of a form, stored or as text (`members.1.idNumber`); undefined when absent. */
export function valueAtPath(form: object, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), form)
}

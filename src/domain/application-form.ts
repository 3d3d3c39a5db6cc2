import * as v from 'valibot'
import { APPLICATION_FIELD_LABELS } from './field-labels'
import { APPLICANT_FIELDS, BANK_FIELDS, CAUSE_FIELDS, DESCRIPTION_FIELD, FINANCE_FIELDS, MAX_MEMBERS, MEMBER_FIELDS, type Fields } from './form-fields'
import { memberTitle } from './form-labels'
import { normalizeIdNumber } from './id-number'

export { APPLICATION_FIELD_LABELS, MAX_MEMBERS }
export { MAX_SECONDARY_CAUSES } from './form-fields'
export { moneySchema } from './field-kinds'

/**
 * The national file form (档案表) as one schema shared by the pages and the functions, derived
 * from the field registry (`form-fields.ts`). What the form holds while it is being filled
 * (`FormValues`) is text: numbers and money as typed, yes/no and coded choices as codes. The
 * schema checks it and gives the stored form (`ApplicationForm`): money in integer fen, numbers as
 * numbers, yes/no as booleans. Every message is plain Chinese and names its field.
 */

type Entries<F extends Fields> = { -readonly [K in keyof F]: F[K]['schema'] }

/** One part's fields as a strict object: an unknown key is a validation error. */
const partSchema = <F extends Fields>(fields: F, message: string) =>
  v.strictObject(Object.fromEntries(Object.entries(fields).map(([key, f]) => [key, f.schema])) as Entries<F>, message)

export const ApplicantSchema = partSchema(APPLICANT_FIELDS, '申请人信息格式不正确')

export const MemberSchema = partSchema(MEMBER_FIELDS, '家庭成员信息格式不正确')

export const MembersSchema = v.pipe(v.array(MemberSchema, '家庭成员应为列表'), v.maxLength(MAX_MEMBERS, `家庭成员最多填写${MAX_MEMBERS}人`))

/** Household income and rigid expenses: the same figures as the self-check. */
export const FinancesSchema = partSchema(FINANCE_FIELDS, '收入和支出格式不正确')

export const CausesSchema = partSchema(CAUSE_FIELDS, '致困原因格式不正确')

export const BankSchema = partSchema(BANK_FIELDS, '银行账户格式不正确')

export const DescriptionSchema = DESCRIPTION_FIELD.schema

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
    if (id === applicantId) out.push({ field: `members.${i}.idNumber`, message: `${memberTitle(i)}：身份证号与申请人相同` })
    else if (seen.has(id)) out.push({ field: `members.${i}.idNumber`, message: `${memberTitle(i)}：身份证号与${memberTitle(seen.get(id)!)}重复` })
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

import * as v from 'valibot'
import type { ApplicationForm } from './application-form'
import { fenToYuanText } from './money'

/**
 * The form as it is being filled: text everywhere (money and numbers as typed, choices as codes,
 * '' before a choice). A draft is stored like this, valid or not, on the phone and on the server.
 */
export interface FormValues {
  applicant: Record<ApplicantKey, string>
  members: Record<MemberKey, string>[]
  finances: Record<FinanceKey, string>
  causes: { mainCause: string; secondaryCauses: string[] }
  bank: Record<BankKey, string>
  description: string
}

export const APPLICANT_KEYS = [
  'name', 'idNumber', 'phone', 'health', 'disability', 'modelWorker', 'workStatus', 'employer', 'employerNature',
  'unitId', 'hukou', 'housing', 'housingArea', 'medicalInsurance', 'zeroEmploymentFamily',
] as const
export const MEMBER_KEYS = ['name', 'relation', 'idNumber', 'health', 'occupation', 'monthlyIncome'] as const
export const FINANCE_KEYS = [
  'householdSize', 'annualIncome', 'applicantMonthlyIncome', 'medicalExpenses', 'schoolingExpenses', 'otherRigidExpenses',
  'accidentOrDisaster', 'hardshipCosts',
] as const
export const BANK_KEYS = ['bankName', 'accountName', 'accountNumber'] as const

export type ApplicantKey = (typeof APPLICANT_KEYS)[number]
export type MemberKey = (typeof MEMBER_KEYS)[number]
export type FinanceKey = (typeof FINANCE_KEYS)[number]
export type BankKey = (typeof BANK_KEYS)[number]

const blank = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, ''])) as Record<K, string>

export const emptyMember = (): Record<MemberKey, string> => blank(MEMBER_KEYS)

/** A form with nothing filled in. */
export function emptyFormValues(): FormValues {
  return {
    applicant: blank(APPLICANT_KEYS),
    members: [],
    finances: blank(FINANCE_KEYS),
    causes: { mainCause: '', secondaryCauses: [] },
    bank: blank(BANK_KEYS),
    description: '',
  }
}

const text = (max: number) => v.optional(v.pipe(v.string('草稿内容应为文本'), v.maxLength(max, '草稿内容过长')), '')
const group = <K extends string>(keys: readonly K[], max: number) => {
  const obj = v.strictObject(Object.fromEntries(keys.map((k) => [k, text(max)])) as Record<K, ReturnType<typeof text>>, '草稿格式不正确')
  return v.optional(obj, () => blank(keys) as unknown as v.InferInput<typeof obj>)
}

/**
 * A draft as the server accepts it: the shape of FormValues with bounded text, nothing else
 * checked (a draft may be half-filled or wrong). Missing parts are filled with ''.
 */
export const FormValuesSchema = v.strictObject({
  applicant: group(APPLICANT_KEYS, 80),
  members: v.optional(v.pipe(v.array(group(MEMBER_KEYS, 80), '家庭成员应为列表'), v.maxLength(10, '家庭成员最多填写10人')), () => []),
  finances: group(FINANCE_KEYS, 20),
  causes: v.optional(
    v.strictObject({
      mainCause: text(40),
      secondaryCauses: v.optional(v.pipe(v.array(v.pipe(v.string('致困原因应为文本'), v.maxLength(40, '致困原因不正确')), '次要致困原因应为列表'), v.maxLength(3, '次要致困原因最多选3项')), () => []),
    }, '草稿格式不正确'),
    () => ({ mainCause: '', secondaryCauses: [] }),
  ),
  bank: group(BANK_KEYS, 40),
  description: text(500),
}, '草稿格式不正确')

const yn = (b: boolean) => (b ? 'yes' : 'no')

/** A checked form back into the text a form shows (to fix and resubmit it). */
export function formToValues(f: ApplicationForm): FormValues {
  const a = f.applicant
  return {
    applicant: { ...a, housingArea: String(a.housingArea), zeroEmploymentFamily: yn(a.zeroEmploymentFamily) },
    members: f.members.map((m) => ({ ...m, monthlyIncome: fenToYuanText(m.monthlyIncome) })),
    finances: {
      householdSize: String(f.finances.householdSize),
      annualIncome: fenToYuanText(f.finances.annualIncome),
      applicantMonthlyIncome: fenToYuanText(f.finances.applicantMonthlyIncome),
      medicalExpenses: fenToYuanText(f.finances.medicalExpenses),
      schoolingExpenses: fenToYuanText(f.finances.schoolingExpenses),
      otherRigidExpenses: fenToYuanText(f.finances.otherRigidExpenses),
      accidentOrDisaster: yn(f.finances.accidentOrDisaster),
      hardshipCosts: fenToYuanText(f.finances.hardshipCosts),
    },
    causes: { mainCause: f.causes.mainCause, secondaryCauses: [...f.causes.secondaryCauses] },
    bank: { ...f.bank },
    description: f.description,
  }
}

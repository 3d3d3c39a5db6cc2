import type { ApplicationForm } from './application-form'
import { shanghaiDateOf, type CalendarDate } from './calendar'
import {
  DISABILITY_KINDS,
  EMPLOYER_NATURES,
  HEALTH_STATUSES,
  HOUSING_TYPES,
  HUKOU_TYPES,
  labelOf,
  MEDICAL_INSURANCES,
  MODEL_WORKER_TYPES,
  RELATIONS,
  WORK_STATUSES,
} from './form-codes'
import { hardshipCategoryLabel } from './hardship-categories'
import { hardshipCauseLabel } from './hardship-causes'
import type { Household } from './household'
import { HOUSEHOLD_STATUSES } from './household-codes'
import { idNumberFacts, isValidIdNumber } from './id-number'
import { maskBankAccount, maskIdNumber, maskName, maskPhone } from './mask'
import type { StaffRole } from './roles'

/**
 * The household export (建档户导出) in the national file form's (档案表) column order: person and
 * job, income, hardship causes, bank account, then the file's own facts (domain.md "The national
 * file form (档案表) fields"). Family members' ID numbers are left out: one row per household.
 */

/**
 * The role that may export sensitive columns in full: `reviewer`, the aid centre's staff who
 * approve and file cases and may already reveal a case's values one by one (review `reveal`).
 * Everyone else gets 身份证号, 银行账号 and 联系电话 (and members' names) masked.
 */
export const EXPORT_REVEAL_ROLE: StaffRole = 'reviewer'

/** One column: its key, its Chinese header, and whether a workbook keeps it as a number. */
export interface ExportColumn<K extends string = string> {
  key: K
  header: string
  numeric?: boolean
  /** Masked unless the exporting person may reveal. */
  sensitive?: boolean
}

export const HOUSEHOLD_EXPORT_COLUMNS = [
  { key: 'number', header: '档案编号' },
  { key: 'category', header: '困难类别' },
  { key: 'name', header: '姓名' },
  { key: 'idNumber', header: '身份证号', sensitive: true },
  { key: 'gender', header: '性别' },
  { key: 'birthDate', header: '出生日期' },
  { key: 'health', header: '健康状况' },
  { key: 'disability', header: '残疾类别' },
  { key: 'workStatus', header: '工作状态' },
  { key: 'modelWorker', header: '劳模类型' },
  { key: 'housing', header: '住房类型' },
  { key: 'housingArea', header: '住房面积（平方米）', numeric: true },
  { key: 'hukou', header: '户口类型' },
  { key: 'employerNature', header: '单位性质' },
  { key: 'employer', header: '工作单位' },
  { key: 'medicalInsurance', header: '医保状况' },
  { key: 'zeroEmployment', header: '零就业家庭' },
  { key: 'monthlyIncome', header: '本人月收入', numeric: true },
  { key: 'unitName', header: '所属工会' },
  { key: 'householdSize', header: '家庭人口', numeric: true },
  { key: 'annualIncome', header: '家庭年收入', numeric: true },
  { key: 'perCapitaMonthly', header: '人均月收入', numeric: true },
  { key: 'mainCause', header: '主要致困原因' },
  { key: 'secondaryCauses', header: '次要致困原因' },
  { key: 'members', header: '家庭成员', sensitive: true },
  { key: 'bankName', header: '开户银行' },
  { key: 'bankAccount', header: '银行账号', sensitive: true },
  { key: 'phone', header: '联系电话', sensitive: true },
  { key: 'filedOn', header: '建档日期' },
  { key: 'status', header: '档案状态' },
  { key: 'cadres', header: '结对帮扶干部' },
  { key: 'lastContactOn', header: '最近联系日期' },
  { key: 'filedBy', header: '建档人' },
] as const satisfies readonly ExportColumn[]

export type HouseholdExportKey = (typeof HOUSEHOLD_EXPORT_COLUMNS)[number]['key']

/** The header row, in order. */
export const HOUSEHOLD_EXPORT_HEADER: readonly string[] = HOUSEHOLD_EXPORT_COLUMNS.map((c) => c.header)

/** What one row is made of: the file, its unit's name, the head's ID number and phone (plain), and the latest filing form. */
export interface HouseholdExportFacts {
  household: Pick<Household, 'number' | 'category' | 'status' | 'headName' | 'memberCount' | 'cadres' | 'history' | 'filedAt'> & { lastContactOn: CalendarDate | null }
  unitName: string
  /** Decrypted; empty when unknown. */
  idNumber: string
  /** Decrypted; empty when unknown. */
  phone: string
  /** The sealed form of the application that last filed it; null for a file without one (the demo's). */
  form: ApplicationForm | null
}

/** Integer fen as yuan with two decimals, without float rounding: -123450 -> `-1234.50`. */
export function fenToYuan2(fen: number): string {
  const abs = Math.abs(fen)
  return `${fen < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** (annual income − rigid expenses) ÷ 12 ÷ household size, fen, rounded down (domain.md; as the self-check). */
export function perCapitaMonthlyFen(finances: ApplicationForm['finances']): number {
  const rigid = finances.medicalExpenses + finances.schoolingExpenses + finances.otherRigidExpenses
  return Math.floor((finances.annualIncome - rigid) / (12 * finances.householdSize))
}

function identity(idNumber: string): { gender: string; birthDate: string } {
  if (!isValidIdNumber(idNumber)) return { gender: '', birthDate: '' }
  const facts = idNumberFacts(idNumber)
  return { gender: facts.gender === 'male' ? '男' : '女', birthDate: facts.birthDate }
}

/** One household as a row of `HOUSEHOLD_EXPORT_COLUMNS`; sensitive values masked unless `reveal`. */
export function householdExportRow(f: HouseholdExportFacts, reveal: boolean): string[] {
  const { household: h, form } = f
  const a = form?.applicant
  const money = (fen: number | undefined) => (fen === undefined ? '' : fenToYuan2(fen))
  const person = identity(f.idNumber)
  const filed = [...h.history].reverse().find((e) => e.kind === 'filed' || e.kind === 'refiled')
  const values: Record<HouseholdExportKey, string> = {
    number: h.number,
    category: hardshipCategoryLabel(h.category),
    name: h.headName,
    idNumber: f.idNumber && !reveal ? maskIdNumber(f.idNumber) : f.idNumber,
    gender: person.gender,
    birthDate: person.birthDate,
    health: a ? labelOf(HEALTH_STATUSES, a.health) : '',
    disability: a ? labelOf(DISABILITY_KINDS, a.disability) : '',
    workStatus: a ? labelOf(WORK_STATUSES, a.workStatus) : '',
    modelWorker: a ? labelOf(MODEL_WORKER_TYPES, a.modelWorker) : '',
    housing: a ? labelOf(HOUSING_TYPES, a.housing) : '',
    housingArea: a ? String(a.housingArea) : '',
    hukou: a ? labelOf(HUKOU_TYPES, a.hukou) : '',
    employerNature: a ? labelOf(EMPLOYER_NATURES, a.employerNature) : '',
    employer: a?.employer ?? '',
    medicalInsurance: a ? labelOf(MEDICAL_INSURANCES, a.medicalInsurance) : '',
    zeroEmployment: a ? (a.zeroEmploymentFamily ? '是' : '否') : '',
    monthlyIncome: money(form?.finances.applicantMonthlyIncome),
    unitName: f.unitName,
    householdSize: String(form?.finances.householdSize ?? h.memberCount),
    annualIncome: money(form?.finances.annualIncome),
    perCapitaMonthly: form ? fenToYuan2(perCapitaMonthlyFen(form.finances)) : '',
    mainCause: form ? hardshipCauseLabel(form.causes.mainCause) : '',
    secondaryCauses: form ? form.causes.secondaryCauses.map(hardshipCauseLabel).join('、') : '',
    members: form ? form.members.map((m) => `${labelOf(RELATIONS, m.relation)}：${reveal ? m.name : maskName(m.name)}`).join('；') : '',
    bankName: form?.bank.bankName ?? '',
    bankAccount: form ? (reveal ? form.bank.accountNumber : maskBankAccount(form.bank.accountNumber)) : '',
    phone: f.phone && !reveal ? maskPhone(f.phone) : f.phone,
    filedOn: shanghaiDateOf(filed?.at ?? h.filedAt),
    status: labelOf(HOUSEHOLD_STATUSES, h.status),
    cadres: h.cadres.map((c) => c.name).join('、'),
    lastContactOn: h.lastContactOn ?? '',
    filedBy: filed?.byName ?? '',
  }
  return HOUSEHOLD_EXPORT_COLUMNS.map((c) => values[c.key])
}

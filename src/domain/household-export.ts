import type { ApplicationForm } from './application-form'
import { shanghaiDateOf, type CalendarDate } from './calendar'
import { fileText } from './field-rows'
import { labelOf } from './form-codes'
import { APPLICATION_FIELDS, fieldAt, MEMBER_FIELDS, valueAtPath, type Field, type PlacedField } from './form-fields'
import { hardshipCategoryLabel } from './hardship-categories'
import type { Household } from './household'
import { HOUSEHOLD_STATUSES } from './household-codes'
import { idNumberFacts, isValidIdNumber } from './id-number'
import type { StaffRole } from './roles'

/**
 * The household export (建档户导出) in the national file form's (档案表) column order: person and
 * job, income, hardship causes, bank account, then the file's own facts (domain.md "The national
 * file form (档案表) fields"). The form's columns are the registry's fields of the `export` view,
 * with its headers and masks. Family members' ID numbers are left out: one row per household.
 */

/**
 * The role that may export sensitive columns in full: `reviewer`, the aid centre's staff who
 * approve and file cases and may already reveal a case's values one by one (review `reveal`).
 * Everyone else gets 身份证号, 银行账号 and 联系电话 (and members' names) masked.
 */
export const EXPORT_REVEAL_ROLE: StaffRole = 'reviewer'

/** One column: its key, its Chinese header, and whether a workbook keeps it as a number or a date. */
export interface ExportColumn<K extends string = string> {
  key: K
  header: string
  numeric?: boolean
  /** A calendar date (`YYYY-MM-DD`): a date cell in a workbook, the text in CSV. */
  date?: boolean
  /** Masked unless the exporting person may reveal. */
  sensitive?: boolean
}

/** The file's own facts, besides the form's fields. */
const FILE_COLUMNS = {
  number: { header: '档案编号' },
  category: { header: '困难类别' },
  gender: { header: '性别' },
  birthDate: { header: '出生日期', date: true },
  unitName: { header: '所属工会' },
  perCapitaMonthly: { header: '人均月收入', numeric: true },
  members: { header: '家庭成员', sensitive: true },
  filedOn: { header: '建档日期', date: true },
  status: { header: '档案状态' },
  cadres: { header: '结对帮扶干部' },
  lastContactOn: { header: '最近联系日期', date: true },
  filedBy: { header: '建档人' },
} as const satisfies Record<string, Omit<ExportColumn, 'key'>>

type FileKey = keyof typeof FILE_COLUMNS

/** Where the registry's exported fields not placed by `ORDER` go. */
const REST = '...'

/** The national file form's column order: the file's facts by key, the form's fields (`export` view) by path. */
const ORDER: readonly string[] = [
  'number', 'category', 'applicant.name', 'applicant.idNumber', 'gender', 'birthDate', 'applicant.health', 'applicant.disability',
  'applicant.workStatus', 'applicant.modelWorker', 'applicant.housing', 'applicant.housingArea', 'applicant.hukou', 'applicant.employerNature',
  'applicant.employer', 'applicant.medicalInsurance', 'applicant.zeroEmploymentFamily', 'finances.applicantMonthlyIncome', 'unitName',
  'finances.householdSize', 'finances.annualIncome', 'perCapitaMonthly', 'causes.mainCause', 'causes.secondaryCauses', 'members',
  'bank.bankName', 'bank.accountNumber', 'applicant.phone', REST, 'filedOn', 'status', 'cadres', 'lastContactOn', 'filedBy',
]

const fieldColumn = (f: PlacedField): ExportColumn => ({
  key: f.path,
  header: f.header,
  ...(f.kind.type === 'money' || f.kind.type === 'count' ? { numeric: true } : {}),
  ...(f.sensitivity !== 'encrypted' ? { sensitive: true } : {}),
})

const isFileKey = (key: string): key is FileKey => key in FILE_COLUMNS

export const HOUSEHOLD_EXPORT_COLUMNS: readonly ExportColumn[] = ORDER.flatMap((key) => {
  if (key === REST) return APPLICATION_FIELDS.filter((f) => f.views.includes('export') && !ORDER.includes(f.path)).map(fieldColumn)
  if (isFileKey(key)) return [{ key, ...FILE_COLUMNS[key] }]
  return [fieldColumn(fieldAt(key)!)]
})

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

/** A form's value as a cell: money in yuan and numbers bare (the workbook keeps them as numbers), the rest as a page shows it. */
function cellOf(f: Field, value: unknown, reveal: boolean): string {
  if (value === undefined || value === null) return ''
  if (f.kind.type === 'money') return fenToYuan2(value as number)
  if (f.kind.type === 'count') return String(value)
  return fileText(f, value, reveal)
}

/** One household as a row of `HOUSEHOLD_EXPORT_COLUMNS`; sensitive values masked unless `reveal`. */
export function householdExportRow(f: HouseholdExportFacts, reveal: boolean): string[] {
  const { household: h, form } = f
  const person = identity(f.idNumber)
  const filed = [...h.history].reverse().find((e) => e.kind === 'filed' || e.kind === 'refiled')
  // The file keeps the head's name, ID number and household size itself (a file without a form has them too).
  const kept: Record<string, unknown> = {
    'applicant.name': h.headName,
    'applicant.idNumber': f.idNumber,
    'applicant.phone': f.phone,
    'finances.householdSize': form?.finances.householdSize ?? h.memberCount,
  }
  const facts: Record<FileKey, string> = {
    number: h.number,
    category: hardshipCategoryLabel(h.category),
    gender: person.gender,
    birthDate: person.birthDate,
    unitName: f.unitName,
    perCapitaMonthly: form ? fenToYuan2(perCapitaMonthlyFen(form.finances)) : '',
    members: form ? form.members.map((m) => `${cellOf(MEMBER_FIELDS.relation, m.relation, reveal)}：${cellOf(MEMBER_FIELDS.name, m.name, reveal)}`).join('；') : '',
    filedOn: shanghaiDateOf(filed?.at ?? h.filedAt),
    status: labelOf(HOUSEHOLD_STATUSES, h.status),
    cadres: h.cadres.map((c) => c.name).join('、'),
    lastContactOn: h.lastContactOn ?? '',
    filedBy: filed?.byName ?? '',
  }
  return HOUSEHOLD_EXPORT_COLUMNS.map(({ key }) => {
    if (isFileKey(key)) return facts[key]
    const value = key in kept ? kept[key] : form ? valueAtPath(form, key) : undefined
    return cellOf(fieldAt(key)!, value, reveal)
  })
}

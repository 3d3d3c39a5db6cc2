import * as v from 'valibot'
import type { ApplicationForm } from '../../../src/domain/application-form'
import type { CalendarDate } from '../../../src/domain/calendar'
import { HARDSHIP_CATEGORIES } from '../../../src/domain/hardship-categories'
import { HOUSEHOLD_STATUSES, type FiledCategory, type HouseholdStatus } from '../../../src/domain/household'
import { HOUSEHOLD_EXPORT_COLUMNS, HOUSEHOLD_EXPORT_HEADER } from '../../../src/domain/household-export'
import { idNumberFacts } from '../../../src/domain/id-number'
import { RELATIONS, YES_NO } from '../../../src/domain/form-codes'
import { APPLICATION_FIELDS, MAX_MEMBERS, MEMBER_FIELDS, fieldAt, type PlacedField } from '../../../src/domain/form-fields'
import type { SheetTable } from '../../usecases/shared/csv'
import type { ImportProblem } from '../columns'
import { codeOf, dateOf, isMasked, MASKED_MESSAGE, rowsOf, signedFen, textOf, type RowReader } from './cells'

/**
 * The household file (建档户) as the household export writes it, one household a row, read back:
 * every column of HOUSEHOLD_EXPORT_COLUMNS checked by the registry's own schema of its field. The
 * export carries only the national form's columns, so the fields it leaves out (members' ID numbers,
 * the itemised rigid expenses, the worker's own words) are filled as `migratedForm` says.
 */

/** A household as its row says it. */
export interface HouseholdRow {
  line: number
  number: string
  category: FiledCategory
  status: HouseholdStatus
  unitName: string
  idNumber: string
  phone: string
  headName: string
  /** The form without its union (`applicant.unitId`), set once the unit's name is found. */
  form: ApplicationForm
  filedOn: CalendarDate
  filedBy: string
  cadres: string[]
  lastContactOn: CalendarDate | null
}

/** What the imported form says in place of the worker's own description. */
export const MIGRATED_DESCRIPTION = '该档案由全国工会帮扶工作管理系统迁移导入，原始申请材料存于原系统。'

const FILED_CATEGORIES = HARDSHIP_CATEGORIES.filter((c) => c.code !== 'not-eligible') as { code: FiledCategory; label: string }[]
const header = (key: string) => HOUSEHOLD_EXPORT_COLUMNS.find((c) => c.key === key)!.header

/** A cell of a form field as the form's text (codes from labels), for the field's own schema. */
function textFor(f: PlacedField, cell: string): unknown {
  switch (f.kind.type) {
    case 'code':
      return f.kind.codes.find((c) => c.label === cell)?.code ?? cell
    case 'codes': {
      const codes = f.kind.codes
      return cell ? cell.split('、').map((label) => codes.find((c) => c.label === label)?.code ?? label) : []
    }
    case 'yesNo':
      return YES_NO.find((c) => c.label === cell)?.code ?? cell
    default:
      return cell
  }
}

/** A field's value from its cell, checked by its schema; undefined (and a problem) when it fails. */
function fieldValue(row: RowReader, f: PlacedField, column: string): unknown {
  const cell = row.cell(column)
  if (f.sensitivity !== 'encrypted' && isMasked(cell)) return row.problem(column, MASKED_MESSAGE)
  const r = v.safeParse(f.schema, textFor(f, cell))
  if (r.success) return r.output
  row.problem(column, r.issues[0].message)
  return undefined
}

/** The default of a field the export leaves out. */
function leftOut(f: PlacedField): unknown {
  switch (f.kind.type) {
    case 'money':
    case 'count':
      return 0
    case 'yesNo':
      return false
    case 'codes':
      return []
    case 'longText':
      return MIGRATED_DESCRIPTION
    default:
      return ''
  }
}

function setPath(target: Record<string, Record<string, unknown>>, path: string, value: unknown) {
  const [part, key] = path.split('.')
  if (key === undefined) (target as Record<string, unknown>)[part] = value
  else (target[part] ??= {})[key] = value
}

/** `配偶：李小红；子女：张小明` -> members; their other fields are not in the export. */
function membersOf(row: RowReader): ApplicationForm['members'] | undefined {
  const column = header('members')
  const text = row.cell(column)
  if (!text) return []
  const parts = text.split('；')
  if (parts.length > MAX_MEMBERS) return row.problem(column, `家庭成员最多${MAX_MEMBERS}人`), undefined
  const out: ApplicationForm['members'] = []
  for (const part of parts) {
    const [relationLabel, name = ''] = part.split('：')
    const relation = RELATIONS.find((r) => r.label === relationLabel.trim())
    if (isMasked(name)) return row.problem(column, MASKED_MESSAGE), undefined
    const checked = v.safeParse(MEMBER_FIELDS.name.schema, name)
    if (!relation) return row.problem(column, `“${part}”应写成“关系：姓名”，关系可选：${RELATIONS.map((r) => r.label).join('、')}`), undefined
    if (!checked.success) return row.problem(column, `“${part}”：${checked.issues[0].message}`), undefined
    out.push({ name: checked.output, relation: relation.code, idNumber: '', health: '', occupation: '', monthlyIncome: 0 } as unknown as ApplicationForm['members'][number])
  }
  return out
}

const EXPORTED = new Map(HOUSEHOLD_EXPORT_COLUMNS.filter((c) => fieldAt(c.key)).map((c) => [c.key, c.header]))

function formOf(row: RowReader): ApplicationForm | undefined {
  const form: Record<string, Record<string, unknown>> = {}
  let ok = true
  for (const f of APPLICATION_FIELDS) {
    if (f.path.startsWith('members.') || f.kind.type === 'unit') continue
    const column = EXPORTED.get(f.path)
    const value = column === undefined ? leftOut(f) : fieldValue(row, f, column)
    if (value === undefined) ok = false
    setPath(form, f.path, value)
  }
  const members = membersOf(row)
  if (!ok || !members) return undefined
  const finances = form.finances as ApplicationForm['finances']
  if (finances.householdSize < members.length + 1) return row.problem(header('finances.householdSize'), `家庭人口不能少于户主和家庭成员的人数（${members.length + 1}人）`), undefined
  // The export has the per-capita figure but not the itemised rigid expenses: their sum is what makes it.
  const perCapita = signedFen(row.cell(header('perCapitaMonthly')))
  if (perCapita === null) return row.problem(header('perCapitaMonthly'), '应为金额，单位元，最多两位小数'), undefined
  const rigid = finances.annualIncome - perCapita * 12 * finances.householdSize
  if (rigid < 0) return row.problem(header('perCapitaMonthly'), '高于家庭年收入÷12÷家庭人口，请核对'), undefined
  finances.otherRigidExpenses = rigid
  const applicant = form.applicant as ApplicationForm['applicant']
  ;(form.bank as ApplicationForm['bank']).accountName = applicant.name
  return { ...form, members } as unknown as ApplicationForm
}

/** The household rows of the file; problems of any row go to `problems`, and the row is left out. */
export function readHouseholdRows(file: string, table: SheetTable, problems: ImportProblem[]): HouseholdRow[] {
  const out: HouseholdRow[] = []
  for (const row of rowsOf(file, table, HOUSEHOLD_EXPORT_HEADER, problems)) {
    const before = problems.length
    const number = textOf(row, header('number'), 40)
    const category = codeOf(row, header('category'), FILED_CATEGORIES)
    const status = codeOf(row, header('status'), HOUSEHOLD_STATUSES)
    const unitName = textOf(row, header('unitName'), 60)
    const form = formOf(row)
    const filedOn = dateOf(row, header('filedOn'))
    const lastContactOn = dateOf(row, header('lastContactOn'), true)
    const filedBy = textOf(row, header('filedBy'), 30, true)
    const cadres = row.cell(header('cadres'))
    if (form) {
      const facts = idNumberFacts(form.applicant.idNumber)
      const gender = facts.gender === 'male' ? '男' : '女'
      if (row.cell(header('gender')) && row.cell(header('gender')) !== gender) row.problem(header('gender'), `与身份证号不符（身份证号为${gender}）`)
      if (row.cell(header('birthDate')) && row.cell(header('birthDate')) !== facts.birthDate) row.problem(header('birthDate'), `与身份证号不符（身份证号为${facts.birthDate}）`)
    }
    if (problems.length > before || !number || !category || !status || !unitName || !form || !filedOn || lastContactOn === undefined || filedBy === undefined) continue
    out.push({
      line: row.line, number, category, status, unitName, form, filedOn, filedBy, lastContactOn,
      idNumber: form.applicant.idNumber, phone: form.applicant.phone, headName: form.applicant.name,
      cadres: cadres ? cadres.split('、').map((c) => c.trim()).filter(Boolean) : [],
    })
  }
  return out
}

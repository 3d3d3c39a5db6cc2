import * as v from 'valibot'
import type { ApplicationForm } from '../../../src/domain/application-form'
import type { CalendarDate } from '../../../src/domain/calendar'
import { CONTACT_KINDS, MEASURE_KINDS, MEASURE_STATUSES, type ContactKind, type MeasureKind, type MeasureStatus } from '../../../src/domain/household-codes'
import { MEMBER_FIELDS, type Field } from '../../../src/domain/form-fields'
import type { SheetTable } from '../../usecases/shared/csv'
import type { ImportProblem } from '../columns'
import { codeOf, dateOf, isMasked, MASKED_MESSAGE, rowsOf, textOf, type RowReader } from './cells'

/**
 * The parts of a file the household export keeps to one cell or leaves out, each as a file of its
 * own with a row per item and the file number (档案编号) first: family members in full (家庭成员,
 * the registry's member fields), aid measures (帮扶措施) and the paired cadres' contact log
 * (联系记录). The column names are in `PART_HEADERS`; deploy/ holds an example of each.
 */

export const PART_HEADERS = {
  members: ['档案编号', ...Object.values(MEMBER_FIELDS).map((f) => f.header)],
  measures: ['档案编号', '措施类型', '措施内容', '措施状态', '实施成效', '登记日期', '登记人'],
  contacts: ['档案编号', '联系日期', '联系方式', '联系情况', '下一步安排', '联系人'],
} as const

export interface MemberRow {
  line: number
  number: string
  member: ApplicationForm['members'][number]
}

export interface MeasureRow {
  line: number
  number: string
  kind: MeasureKind
  description: string
  status: MeasureStatus
  outcome: string
  on: CalendarDate
  byName: string
}

export interface ContactRow {
  line: number
  number: string
  kind: ContactKind
  on: CalendarDate
  notes: string
  nextStep: string
  byName: string
}

/** The file number of a row, known to the import. */
function numberOf(row: RowReader, knows: (number: string) => boolean): string | undefined {
  const number = textOf(row, '档案编号', 40)
  if (number && !knows(number)) row.problem('档案编号', `档案编号“${number}”不在本次导入的建档户文件中`)
  else return number
  return undefined
}

/** A member field's cell as the form's text (codes from labels), checked by the field's schema. */
function memberValue(row: RowReader, f: Field): unknown {
  const cell = row.cell(f.header)
  if (f.sensitivity !== 'encrypted' && isMasked(cell)) return row.problem(f.header, MASKED_MESSAGE)
  const text = f.kind.type === 'code' ? (f.kind.codes.find((c) => c.label === cell)?.code ?? cell) : cell
  const r = v.safeParse(f.schema, text)
  if (r.success) return r.output
  row.problem(f.header, r.issues[0].message)
  return undefined
}

/** Reads one part's file; `each` turns a row into its item (undefined when it has problems). */
function readPart<T>(file: string, table: SheetTable, headers: readonly string[], problems: ImportProblem[], each: (row: RowReader) => T | undefined): T[] {
  const out: T[] = []
  for (const row of rowsOf(file, table, headers, problems)) {
    const before = problems.length
    const item = each(row)
    if (item !== undefined && problems.length === before) out.push(item)
  }
  return out
}

export function readMemberRows(file: string, table: SheetTable, knows: (n: string) => boolean, problems: ImportProblem[]): MemberRow[] {
  return readPart(file, table, PART_HEADERS.members, problems, (row) => {
    const number = numberOf(row, knows)
    const values = Object.entries(MEMBER_FIELDS).map(([key, f]) => [key, memberValue(row, f)] as const)
    if (!number || values.some(([, value]) => value === undefined)) return undefined
    return { line: row.line, number, member: Object.fromEntries(values) as ApplicationForm['members'][number] }
  })
}

export function readMeasureRows(file: string, table: SheetTable, knows: (n: string) => boolean, problems: ImportProblem[]): MeasureRow[] {
  return readPart(file, table, PART_HEADERS.measures, problems, (row) => {
    const number = numberOf(row, knows)
    const kind = codeOf(row, '措施类型', MEASURE_KINDS)
    const description = textOf(row, '措施内容', 200)
    const status = codeOf(row, '措施状态', MEASURE_STATUSES)
    const outcome = textOf(row, '实施成效', 200, true)
    const on = dateOf(row, '登记日期')
    const byName = textOf(row, '登记人', 30, true)
    if (!number || !kind || !description || !status || outcome === undefined || !on || byName === undefined) return undefined
    return { line: row.line, number, kind, description, status, outcome, on, byName }
  })
}

export function readContactRows(file: string, table: SheetTable, knows: (n: string) => boolean, problems: ImportProblem[]): ContactRow[] {
  return readPart(file, table, PART_HEADERS.contacts, problems, (row) => {
    const number = numberOf(row, knows)
    const on = dateOf(row, '联系日期')
    const kind = codeOf(row, '联系方式', CONTACT_KINDS)
    const notes = textOf(row, '联系情况', 500)
    const nextStep = textOf(row, '下一步安排', 200, true)
    const byName = textOf(row, '联系人', 30, true)
    if (!number || !on || !kind || !notes || nextStep === undefined || byName === undefined) return undefined
    return { line: row.line, number, kind, on, notes, nextStep, byName }
  })
}

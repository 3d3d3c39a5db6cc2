/**
 * Reading an export's cells back into values: the inverse of what the household and ledger
 * exports write (labels back to codes, yuan back to fen), each failure a Chinese problem naming
 * the file, line and column. One row's problems are collected, never thrown, so a dry run lists
 * every problem of every file at once.
 */
import { isCalendarDate, type CalendarDate } from '../../../src/domain/calendar'
import type { Coded } from '../../../src/domain/form-codes'
import { parseYuan } from '../../../src/domain/money'
import type { CsvRecord, SheetTable } from '../../usecases/shared/csv'
import type { ImportProblem } from '../columns'

/** One row of one file, and where its problems go. */
export interface RowReader {
  line: number
  /** The trimmed cell under `header` ('' when absent). */
  cell(header: string): string
  /** Records a problem of this row at `header`'s column. */
  problem(header: string, message: string): void
}

/**
 * The rows of a sheet whose header must be exactly `expected` (the export's columns, in any
 * order): a missing, unknown or repeated column is a problem of line 1, and then no row is read.
 */
export function rowsOf(file: string, table: SheetTable, expected: readonly string[], problems: ImportProblem[]): RowReader[] {
  const header = table.header.map((h) => h.trim())
  const before = problems.length
  for (const name of expected) if (!header.includes(name)) problems.push({ file, line: 1, message: `缺少列“${name}”` })
  header.forEach((name, i) => {
    if (!expected.includes(name)) problems.push({ file, line: 1, message: `第 ${i + 1} 列“${name}”不是可识别的列名` })
    else if (header.indexOf(name) !== i) problems.push({ file, line: 1, column: name, message: '这一列出现了两次' })
  })
  if (problems.length > before) return []
  if (!table.rows.length) {
    problems.push({ file, message: '除列名外没有数据行' })
    return []
  }
  const at = new Map(header.map((h, i) => [h, i]))
  return table.rows.map((r: CsvRecord) => ({
    line: r.line,
    cell: (h) => (r.cells[at.get(h) ?? -1] ?? '').trim(),
    problem: (column, message) => {
      problems.push({ file, line: r.line, column, message })
    },
  }))
}

const listOf = (codes: readonly Coded[]) => codes.map((c) => c.label).join('、')

/** The code whose label is the cell; a problem naming the choices otherwise. */
export function codeOf<C extends string>(row: RowReader, header: string, codes: readonly Coded<C>[]): C | undefined {
  const text = row.cell(header)
  const found = codes.find((c) => c.label === text)
  if (found) return found.code
  row.problem(header, text ? `“${text}”不是可选的值（可选：${listOf(codes)}）` : `不能为空（可选：${listOf(codes)}）`)
  return undefined
}

/** A required day `YYYY-MM-DD`; '' allowed when `optional`. */
export function dateOf(row: RowReader, header: string, optional = false): CalendarDate | null | undefined {
  const text = row.cell(header)
  if (!text && optional) return null
  if (isCalendarDate(text)) return text
  row.problem(header, text ? `“${text}”不是日期，应写成 2020-08-17 的样子` : '不能为空，应写成 2020-08-17 的样子')
  return undefined
}

/** Yuan with at most two decimals, either sign, as integer fen. */
export function signedFen(text: string): number | null {
  const negative = text.startsWith('-')
  const fen = parseYuan(negative ? text.slice(1) : text)
  return fen === null ? null : negative ? -fen : fen
}

/** A required yuan amount as fen. */
export function fenOf(row: RowReader, header: string): number | undefined {
  const fen = signedFen(row.cell(header))
  if (fen !== null) return fen
  row.problem(header, row.cell(header) ? `“${row.cell(header)}”不是金额，单位元，最多两位小数` : '不能为空')
  return undefined
}

/** Non-empty text of at most `max` characters. */
export function textOf(row: RowReader, header: string, max: number, optional = false): string | undefined {
  const text = row.cell(header)
  if (!text && !optional) row.problem(header, '不能为空')
  else if (text.length > max) row.problem(header, `不能超过${max}个字`)
  else return text
  return undefined
}

/** A value the export masked (`张*明`, `5325**********1234`): the import needs the full file a reviewer exports. */
export const MASKED_MESSAGE = '内容已打码：请用审核人（reviewer）导出的完整文件导入'
export const isMasked = (text: string) => text.includes('*')

/** The columns of an operator's CSV file (read by server/usecases/shared/csv.ts) and its problems, told in plain Chinese. */
import type { CsvRecord } from '../usecases/shared/csv'

/** A problem with one line (and column) of a file, told in plain Chinese. */
export interface ImportProblem {
  file: string
  line?: number
  column?: string
  message: string
}

export const formatProblem = (p: ImportProblem) =>
  `${p.file}${p.line ? ` 第 ${p.line} 行` : ''}${p.column ? `“${p.column}”列` : ''}：${p.message}`

/** The header's columns, checked against the required and allowed ones. */
export function readHeader(
  records: CsvRecord[],
  file: string,
  required: readonly string[],
  allowed: (name: string) => boolean,
): { columns: string[]; rows: CsvRecord[] } | { problems: ImportProblem[] } {
  const [header, ...rows] = records
  if (!header) return { problems: [{ file, message: `文件是空的：第 1 行应为列名 ${required.join(',')}` }] }
  const columns = header.cells.map((c) => c.trim())
  const problems: ImportProblem[] = []
  for (const name of required) if (!columns.includes(name)) problems.push({ file, line: 1, message: `缺少列“${name}”（列名应为 ${required.join(',')}）` })
  columns.forEach((name, i) => {
    if (!allowed(name)) problems.push({ file, line: 1, message: `第 ${i + 1} 列“${name}”不是可识别的列名` })
    else if (columns.indexOf(name) !== i) problems.push({ file, line: 1, message: `列“${name}”出现了两次` })
  })
  if (!rows.length) problems.push({ file, message: '除列名外没有数据行' })
  for (const r of rows) if (r.cells.length > columns.length) problems.push({ file, line: r.line, message: `有 ${r.cells.length} 列，多于列名的 ${columns.length} 列（内容中的逗号要用英文双引号括起来）` })
  return problems.length ? { problems } : { columns, rows }
}

/** A row's cell by column name, trimmed ('' when absent). */
export const cellOf = (columns: string[], row: CsvRecord, name: string) => (row.cells[columns.indexOf(name)] ?? '').trim()

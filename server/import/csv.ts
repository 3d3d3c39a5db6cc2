/** Reading an operator's CSV file: UTF-8 (with or without BOM), comma-separated, quoted as Excel writes it. */

/** One record with the file line it starts on (1 = the header). */
export interface CsvRecord {
  line: number
  cells: string[]
}

/** A problem with one line (and column) of a file, told in plain Chinese. */
export interface ImportProblem {
  file: string
  line?: number
  column?: string
  message: string
}

export const formatProblem = (p: ImportProblem) =>
  `${p.file}${p.line ? ` 第 ${p.line} 行` : ''}${p.column ? `“${p.column}”列` : ''}：${p.message}`

/** The text of a file, or a problem when it is not UTF-8 (Excel's plain “CSV” on Chinese Windows is GBK). */
export function decodeUtf8(bytes: Uint8Array, file: string): { text: string } | { problem: ImportProblem } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') }
  } catch {
    return { problem: { file, message: '文件不是 UTF-8 编码。请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”后重试' } }
  }
}

/** Records of a CSV text; blank lines are skipped. */
export function parseCsv(text: string, file: string): { records: CsvRecord[] } | { problem: ImportProblem } {
  const records: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let start = 1
  const endRecord = () => {
    cells.push(cell)
    if (cells.some((c) => c.trim() !== '')) records.push({ line: start, cells })
    cells = []
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') {
        quoted = false
      } else {
        if (ch === '\n') line++
        cell += ch
      }
    } else if (ch === '"' && cell === '') {
      quoted = true
    } else if (ch === ',') {
      cells.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRecord()
      line++
      start = line
    } else {
      cell += ch
    }
  }
  if (quoted) return { problem: { file, line: start, message: '引号没有闭合' } }
  endRecord()
  return { records }
}

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

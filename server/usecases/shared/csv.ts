import type { SheetTable } from '../stations/station-files/table'

/** Thrown when a file cannot be read at all; its message is plain Chinese for the admin. */
export class FileProblem extends Error {}

/** UTF-8 (with or without BOM), else GB18030, which is what Excel on a Chinese Windows saves as CSV. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes)
    } catch {
      throw new FileProblem('文件编码无法识别，请另存为 UTF-8 编码的 CSV')
    }
  }
}

/**
 * RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. Each record keeps the
 * line it starts on (the header is line 1), so problems can name it.
 */
export function readCsv(bytes: Uint8Array): SheetTable {
  const text = decodeText(bytes)
  const records: { line: number; cells: string[] }[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let start = 1
  let i = 0
  const endRecord = () => {
    cells.push(cell)
    records.push({ line: start, cells })
    cells = []
    cell = ''
  }
  while (i < text.length) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i += 2
        continue
      }
      if (c === '"') quoted = false
      else {
        if (c === '\n') line++
        cell += c
      }
      i++
      continue
    }
    if (c === '"' && cell === '') quoted = true
    else if (c === ',') {
      cells.push(cell)
      cell = ''
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++
      endRecord()
      line++
      start = line
    } else cell += c
    i++
  }
  if (quoted) throw new FileProblem(`第${start}行：引号没有闭合`)
  if (cell !== '' || cells.length) endRecord()
  const [header, ...rows] = records
  if (!header) throw new FileProblem('文件是空的')
  return { header: header.cells.map((h) => h.trim()), rows: rows.map((r) => ({ line: r.line, cells: r.cells.map(unguard) })) }
}

/** Cells a spreadsheet would run as a formula: exported with a leading apostrophe, read back without it. */
const FORMULA_START = /^[=+\-@\t\r]/

function guard(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

function unguard(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value
}

const quote = (value: string) => (/[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

/** One CSV record with its CRLF: cells quoted where needed, formula starts guarded. */
export const csvLine = (cells: readonly string[]): string => `${cells.map((c) => quote(guard(c))).join(',')}\r\n`

/** What a CSV file starts with so Excel reads it as UTF-8. */
export const CSV_BOM = '\uFEFF'

/** CSV that Excel opens with Chinese intact: UTF-8 with a BOM, CRLF line ends. */
export function writeCsv(table: SheetTable): Uint8Array {
  const lines = [table.header, ...table.rows.map((r) => r.cells)].map(csvLine)
  return new TextEncoder().encode(`${CSV_BOM}${lines.join('')}`)
}

/**
 * The one CSV reader and writer of the server, for every import and export: CSV as Excel saves and
 * opens it. Reading takes UTF-8 (with or without BOM), else GB18030, which is what Excel's plain
 * "CSV" is on a Chinese Windows; writing gives UTF-8 with a BOM and CRLF line ends.
 */

import { DEFAULT_SHEET_LIMITS, LIMIT_MESSAGES, type SheetLimits } from './sheet-limits'

/** One record with the file line it starts on (1 = the header). */
export interface CsvRecord {
  line: number
  cells: string[]
}

/** A sheet as rows of text cells; `line` is the row's line (CSV) or row number (XLSX), the header being 1. */
export interface SheetTable {
  header: string[]
  rows: CsvRecord[]
}

/** Thrown when a file cannot be read at all; its message is plain Chinese, `line` where the text breaks. */
export class FileProblem extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message)
  }
}

/** UTF-8 (a BOM dropped), else GB18030. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(bytes)
    } catch {
      throw new FileProblem('文件编码无法识别。请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”后重试')
    }
  }
}

/**
 * Records of a CSV text (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks);
 * blank lines are skipped, cells read back without the formula guard `csvLine` writes. The limits
 * are checked as each character is read: a record's length, its number of fields and the number of
 * records never grow past them.
 */
export function parseCsv(text: string, limits: SheetLimits = DEFAULT_SHEET_LIMITS): CsvRecord[] {
  const records: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let start = 1
  let recordStart = 0
  const endRecord = () => {
    cells.push(cell)
    if (cells.some((c) => c.trim() !== '')) {
      // The header is a record too: the cap is on the rows beneath it.
      if (records.length > limits.maxRows) throw new FileProblem(LIMIT_MESSAGES.rows(limits))
      records.push({ line: start, cells: cells.map(unguard) })
    }
    cells = []
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    if (i - recordStart >= limits.maxLineChars) throw new FileProblem(LIMIT_MESSAGES.line(limits), start)
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
      if (cells.length + 1 >= limits.maxColumns) throw new FileProblem(LIMIT_MESSAGES.columns(limits), start)
      cells.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRecord()
      line++
      start = line
      recordStart = i + 1
    } else {
      cell += ch
    }
  }
  if (quoted) throw new FileProblem('引号没有闭合', start)
  endRecord()
  return records
}

/** The records of a CSV file, its size checked before it is decoded. Throws FileProblem. */
export function readCsvRecords(bytes: Uint8Array, limits: SheetLimits = DEFAULT_SHEET_LIMITS): CsvRecord[] {
  if (bytes.length > limits.maxBytes) throw new FileProblem(LIMIT_MESSAGES.bytes(limits))
  return parseCsv(decodeText(bytes), limits)
}

/** A CSV file as a sheet: its first record is the header. Throws FileProblem. */
export function readCsv(bytes: Uint8Array, limits: SheetLimits = DEFAULT_SHEET_LIMITS): SheetTable {
  const [header, ...rows] = readCsvRecords(bytes, limits)
  if (!header) throw new FileProblem('文件是空的')
  return { header: header.cells.map((h) => h.trim()), rows }
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

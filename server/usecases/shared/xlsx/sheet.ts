import { FileProblem, type SheetTable } from '../csv'
import { LIMIT_MESSAGES, type SheetLimits } from '../sheet-limits'
import type { XmlHandlers } from './xml'

/** What a sheet's cells refer to: the shared strings, the date styles and the date system. */
export interface SheetContext {
  strings: readonly string[]
  dateStyles: readonly boolean[]
  date1904: boolean
}

const invalid = () => new FileProblem(LIMIT_MESSAGES.invalidXlsx())
/** The last row and column a worksheet can have. */
const SHEET_ROWS = 1_048_576
const SHEET_COLUMNS = 16_384

/** “AB12” → column 28; null when it is no cell reference. */
function columnOf(ref: string): number | null {
  const m = /^([A-Z]{1,3})\d{1,7}$/.exec(ref)
  if (!m) return null
  let col = 0
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64
  return col <= SHEET_COLUMNS ? col : null
}

/** A serial day of Excel as an ISO date, as exceljs reads a date-formatted cell. */
function excelDate(serial: number, date1904: boolean): string | null {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)
  const date = new Date(ms)
  return Number.isFinite(date.getTime()) ? date.toISOString().slice(0, 10) : null
}

/** The text a cell shows, by its type (`t`) and style (`s`). */
function cellText(value: string, type: string, style: number, ctx: SheetContext): string {
  switch (type) {
    case 's': {
      const index = Number(value)
      if (!Number.isInteger(index) || index < 0 || index >= ctx.strings.length) throw invalid()
      return ctx.strings[index]
    }
    case 'inlineStr':
    case 'str':
      return value
    case 'b':
      return value === '1' ? 'true' : value === '0' ? 'false' : value
    case 'e':
      return ''
    case 'd':
      return value.slice(0, 10)
    default: {
      if (value.trim() === '') return ''
      const n = Number(value)
      if (!Number.isFinite(n)) return value
      return (ctx.dateStyles[style] && excelDate(n, ctx.date1904)) || String(n)
    }
  }
}

/**
 * A worksheet part as a table, read element by element: row 1 is the header, every other row with
 * a value keeps its row number as its line. Rows, cells and columns are counted as they open, so a
 * cell at XFD1 or a million empty rows refuse the file at once, and nothing is allocated for
 * the rows and columns a reference merely names.
 */
export function sheetReader(table: SheetTable, ctx: SheetContext, limits: SheetLimits): XmlHandlers {
  let rowElements = 0
  let cellElements = 0
  let row: { line: number; cells: string[] } | null = null
  let lastLine = 0
  let cell: { col: number; type: string; style: number; value: string } | null = null
  let lastCol = 0
  let inValue = false
  let inline = 0
  let phonetic = 0
  return {
    open(name, attributes) {
      if (name === 'row') {
        if (++rowElements > limits.maxRowElements) throw new FileProblem(LIMIT_MESSAGES.rowElements(limits))
        const line = attributes.r === undefined ? lastLine + 1 : Number(attributes.r)
        if (!Number.isInteger(line) || line <= lastLine || line > SHEET_ROWS) throw invalid()
        row = { line, cells: [] }
        lastLine = line
        lastCol = 0
      } else if (name === 'c' && row) {
        if (++cellElements > limits.maxCellElements) throw new FileProblem(LIMIT_MESSAGES.cellElements(limits))
        const col = attributes.r === undefined ? lastCol + 1 : columnOf(attributes.r)
        if (col === null || col > SHEET_COLUMNS) throw invalid()
        cell = { col, type: attributes.t ?? 'n', style: Number(attributes.s ?? 0), value: '' }
        lastCol = col
      } else if (cell && name === 'v') inValue = true
      else if (cell && name === 'is') inline++
      else if (cell && name === 'rPh') phonetic++
      else if (cell && name === 't' && inline > 0 && phonetic === 0) inValue = true
    },
    text(text) {
      if (!inValue || !cell) return
      cell.value += text
      if (cell.value.length > limits.maxLineChars) throw new FileProblem(LIMIT_MESSAGES.cell(limits), row?.line)
    },
    close(name) {
      if (name === 'v' || name === 't') inValue = false
      else if (name === 'is') inline--
      else if (name === 'rPh') phonetic--
      else if (name === 'c' && cell && row) {
        const text = cellText(cell.value, cell.type, cell.style, ctx).trim()
        if (text !== '') {
          if (cell.col > limits.maxColumns) throw new FileProblem(LIMIT_MESSAGES.columns(limits), row.line)
          while (row.cells.length < cell.col - 1) row.cells.push('')
          row.cells[cell.col - 1] = text
        }
        cell = null
      } else if (name === 'row' && row) {
        if (row.line === 1) table.header = row.cells
        else if (row.cells.length > 0) {
          if (table.rows.length >= limits.maxRows) throw new FileProblem(LIMIT_MESSAGES.rows(limits))
          table.rows.push(row)
        }
        row = null
      }
    },
  }
}

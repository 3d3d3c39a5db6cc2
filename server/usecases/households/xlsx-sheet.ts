import type { Writable } from 'node:stream'
import type { ExportColumn } from '../../../src/domain/household-export'

/**
 * The XLSX side of an export, through exceljs's streaming workbook writer: a frozen header row,
 * widths from the header and the first page of rows, dates as date cells (the built-in short-date
 * format, which a spreadsheet shows in its own locale: 2026/3/5 in Chinese Excel and WPS), numbers
 * as numbers. Without styles (useStyles false): a style per cell costs over three times the writing
 * time, and exceljs still gives date cells their date format without them.
 */

/** A spreadsheet's width of a text: CJK and other full-width characters count two. */
export function displayWidth(text: string): number {
  let w = 0
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1
  return w
}

/** Column widths (in characters) that show the header and the rows seen, within 8..50. */
export function columnWidths(columns: readonly ExportColumn[], rows: readonly (readonly string[])[]): number[] {
  return columns.map((c, i) => {
    let widest = displayWidth(c.header)
    for (const row of rows) widest = Math.max(widest, displayWidth(row[i] ?? ''))
    return Math.min(50, Math.max(8, widest + 2))
  })
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** A cell's value: a date column's `YYYY-MM-DD` as a date (midnight UTC: exceljs writes its serial day), a number column's figure as a number. */
export function xlsxValue(column: ExportColumn | undefined, text: string): string | number | Date {
  if (text === '' || !column) return text
  if (column.date) {
    const m = ISO_DATE.exec(text)
    return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : text
  }
  if (column.numeric && Number.isFinite(Number(text))) return Number(text)
  return text
}

type Stream = { _writableState?: { length?: number }; _readableState?: { length?: number; pipes?: Stream[] | Stream } }

/** Bytes waiting in a stream and those it pipes to (a few levels down). */
function waiting(s: Stream | undefined, depth = 0): number {
  if (!s || depth > 4) return 0
  const pipes = s._readableState?.pipes
  const next = Array.isArray(pipes) ? pipes : pipes ? [pipes] : []
  return (s._writableState?.length ?? 0) + (s._readableState?.length ?? 0) + next.reduce((n, p) => n + waiting(p, depth + 1), 0)
}

/**
 * Bytes of a worksheet's XML not yet compressed. exceljs writes committed rows into the zip's
 * input without waiting for it (its StreamBuf ignores backpressure), so a writer that never yields
 * holds the whole sheet's XML. Read from the stream's internals (exceljs 4.4.0, pinned): the sheet's
 * StreamBuf pipes into archiver's input, whose buffers are Node stream states.
 */
export function sheetBacklog(sheet: unknown): number {
  const pipes = (sheet as { stream?: { pipes?: Stream[] } }).stream?.pipes
  return waiting(pipes?.[0])
}

/** How much XML may wait before the writer lets compression catch up. */
const BACKLOG_LIMIT = 1 << 20

/** Throws what broke the stream (the file store failed to take the bytes), so an export stops instead of waiting forever. */
export function alive(out: Writable): void {
  if (out.destroyed) throw out.errored ?? new Error('the export stream was closed')
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Waits until the sheet's XML has been compressed (down to a little) and `out` takes more. */
export async function settle(sheet: unknown, out: Writable): Promise<void> {
  do {
    await turn()
    alive(out)
  } while (sheetBacklog(sheet) > BACKLOG_LIMIT || out.writableNeedDrain)
}

export interface XlsxWriter {
  /** The worksheet being written (for `sheetBacklog`). */
  readonly sheet: unknown
  addRows(rows: readonly (readonly string[])[]): void
  settle(): Promise<void>
  finish(): Promise<void>
}

/** A workbook of one sheet written into `out`; its columns are fixed by the first rows added. */
export async function openXlsx(out: Writable, sheetName: string, columns: readonly ExportColumn[]): Promise<XlsxWriter> {
  // Loaded on first use, as the stations' import does: other actions never pay for it.
  const ExcelJS = (await import('exceljs')).default
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false })
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] })
  let started = false
  const start = (rows: readonly (readonly string[])[]) => {
    started = true
    sheet.columns = columnWidths(columns, rows).map((width) => ({ width }))
    sheet.addRow(columns.map((c) => c.header)).commit()
  }
  return {
    sheet,
    addRows(rows) {
      if (!started) start(rows)
      for (const cells of rows) sheet.addRow(cells.map((v, i) => xlsxValue(columns[i], v))).commit()
    },
    settle: () => settle(sheet, out),
    async finish() {
      if (!started) start([])
      sheet.commit()
      await workbook.commit()
    },
  }
}

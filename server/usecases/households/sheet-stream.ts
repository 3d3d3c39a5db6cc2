import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import type { ExportColumn } from '../../../src/domain/household-export'
import { CSV_BOM, csvLine } from '../shared/csv'
import { alive, openXlsx } from './xlsx-sheet'

/**
 * A spreadsheet written a page of rows at a time into a stream (a file being written to the file
 * store): each page goes out before the next is read, so an export holds one page of records and a
 * little of the file, whatever its size.
 */
export interface SheetStream {
  /** Writes a page of rows and waits until the stream has taken them. */
  addPage(rows: readonly (readonly string[])[]): Promise<void>
  /** Ends the file; resolves once its last byte is in the stream and the stream has finished. */
  finish(): Promise<void>
}

export type SheetFormat = 'csv' | 'xlsx'

export const CONTENT_TYPES: Record<SheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

async function drained(out: Writable): Promise<void> {
  alive(out)
  if (out.writableNeedDrain) await once(out, 'drain')
}

function csvStream(out: Writable, columns: readonly ExportColumn[]): SheetStream {
  out.write(Buffer.from(CSV_BOM + csvLine(columns.map((c) => c.header)), 'utf8'))
  return {
    async addPage(rows) {
      alive(out)
      out.write(Buffer.from(rows.map(csvLine).join(''), 'utf8'))
      await drained(out)
    },
    async finish() {
      alive(out)
      out.end()
      await finished(out)
    },
  }
}

async function xlsxStream(out: Writable, sheetName: string, columns: readonly ExportColumn[]): Promise<SheetStream> {
  const book = await openXlsx(out, sheetName, columns)
  return {
    async addPage(rows) {
      alive(out)
      book.addRows(rows)
      await book.settle()
    },
    // The workbook ends `out` itself once its zip is complete; a failure of `out` on the way ends the wait.
    async finish() {
      alive(out)
      await Promise.race([book.finish(), finished(out)])
    },
  }
}

/** A new sheet written into `out`, its header row first. */
export async function openSheetStream(format: SheetFormat, out: Writable, sheetName: string, columns: readonly ExportColumn[]): Promise<SheetStream> {
  return format === 'csv' ? csvStream(out, columns) : xlsxStream(out, sheetName, columns)
}

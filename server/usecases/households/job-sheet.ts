import { once } from 'node:events'
import type { Readable, Writable } from 'node:stream'
import { finished, pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import type { ExportColumn } from '../../../src/domain/household-export'
import type { FileSink, FileStore } from '../../ports'
import { CSV_BOM, csvLine } from '../shared/csv'
import { alive, xlsxValue } from './xlsx-sheet'
import { ZipWriter } from './zip-writer'

/**
 * A spreadsheet written across function invocations. A workbook is a zip, which cannot be appended
 * to once closed, so each part of an export job writes its rows (the sheet's XML rows for XLSX,
 * CSV lines for CSV) gzipped into a part file of its own; the last part streams the header, every
 * part in order and the end into the file, zipped with the workbook's other (fixed) entries for
 * XLSX (zip-writer.ts). Only a page of rows and the compressors' windows are in memory at any time, whatever the
 * export's size, and putting the parts together is a stream copy (ungzip, zip's deflate), linear
 * in the file's bytes.
 */

/** A column's letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetters(index: number): string {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const r = (n - 1) % 26
    out = String.fromCharCode(65 + r) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

/** Text as XML character data: the five escapes, characters XML 1.0 cannot hold dropped. */
export function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
}

const DAY_MS = 86_400_000
/** Excel's day 0 (1899-12-30, counting its 1900 leap-year slip). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30)

/** The XML of rows `first`, `first + 1`, ...: texts as `t="str"`, numbers as numbers, dates as serial days in the date style (as exceljs writes them without shared strings). */
export function xlsxRowsXml(columns: readonly ExportColumn[], rows: readonly (readonly string[])[], first: number): string {
  let out = ''
  rows.forEach((cells, i) => {
    const r = first + i
    out += `<row r="${r}">`
    cells.forEach((text, c) => {
      const ref = `${columnLetters(c)}${r}`
      const value = r === 1 ? text : xlsxValue(columns[c], text)
      if (value === '') return
      if (value instanceof Date) out += `<c r="${ref}" s="1"><v>${(value.getTime() - EXCEL_EPOCH) / DAY_MS}</v></c>`
      else if (typeof value === 'number') out += `<c r="${ref}"><v>${value}</v></c>`
      else out += `<c r="${ref}" t="str"><v>${xmlText(value)}</v></c>`
    })
    out += '</row>'
  })
  return out
}

/** A part file being written: rows in, gzipped into the file store. */
export interface PartWriter {
  write(text: string): Promise<void>
  /** Ends the part; its key. */
  close(): Promise<string>
  abort(): Promise<void>
}

/** A new part file at `path`: what is written is gzipped on its way into the file store. */
export async function openPart(files: FileStore, path: string): Promise<PartWriter> {
  const sink: FileSink = await files.create(path, 'application/gzip')
  const gzip = createGzip()
  const piped = pipeline(gzip, sink.stream)
  piped.catch(() => undefined)
  return {
    async write(text) {
      alive(sink.stream)
      if (!gzip.write(text, 'utf8')) await once(gzip, 'drain')
    },
    async close() {
      gzip.end()
      await piped
      return (await sink.close()).key
    },
    async abort() {
      gzip.destroy()
      await sink.abort()
    },
  }
}

/** Each part's bytes, ungzipped, in order, to `put` (each awaited). */
async function copyParts(files: FileStore, keys: readonly string[], put: (bytes: Uint8Array) => Promise<void>): Promise<void> {
  for (const key of keys) {
    const part = await files.open(key)
    if (!part) throw new Error('an export part is missing')
    const gunzip = createGunzip()
    const read = pipeline(part.stream as Readable, gunzip)
    read.catch(() => undefined)
    for await (const chunk of gunzip as AsyncIterable<Buffer>) await put(chunk)
    await read
  }
}

/** Writes into `out`, waiting while it is full. */
const writer = (out: Writable) => async (bytes: Uint8Array) => {
  alive(out)
  if (!out.write(bytes)) await once(out, 'drain')
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships'

/** The workbook's fixed entries around its one sheet: content types, relationships, the sheet's name, a date style (yyyy/m/d: Excel's built-in 14). */
function workbookEntries(sheetName: string): [string, string][] {
  return [
    ['[Content_Types].xml', `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`],
    ['_rels/.rels', `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets><sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`],
    ['xl/styles.xml', `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`],
  ]
}

/** The sheet's XML before its rows: the frozen header row's pane, the column widths, then its header row. */
function sheetHead(columns: readonly ExportColumn[], widths: readonly number[]): string {
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>` +
    xlsxRowsXml(columns, [columns.map((c) => c.header)], 1)
  )
}
const SHEET_TAIL = '</sheetData></worksheet>'

/**
 * Writes the whole file into `out` (and ends it): the header, the parts in order, the end. XLSX
 * zips the sheet as a stream (zip-writer.ts), its fixed entries first.
 */
export async function assembleSheet(
  files: FileStore,
  out: Writable,
  sheet: { format: 'csv' | 'xlsx'; name: string; columns: readonly ExportColumn[]; widths: readonly number[]; parts: readonly string[] },
): Promise<void> {
  if (sheet.format === 'csv') {
    const put = writer(out)
    await put(Buffer.from(CSV_BOM + csvLine(sheet.columns.map((c) => c.header)), 'utf8'))
    await copyParts(files, sheet.parts, put)
  } else {
    const zip = new ZipWriter(out)
    for (const [name, text] of workbookEntries(sheet.name)) await zip.addText(name, text)
    await zip.addStream('xl/worksheets/sheet1.xml', async (put) => {
      await put(Buffer.from(sheetHead(sheet.columns, sheet.widths), 'utf8'))
      await copyParts(files, sheet.parts, put)
      await put(Buffer.from(SHEET_TAIL, 'utf8'))
    })
    await zip.finish()
    await finished(out)
    return
  }
  out.end()
  await finished(out)
}

/** CSV lines of rows (as a one-shot export writes them). */
export const csvRows = (rows: readonly (readonly string[])[]): string => rows.map(csvLine).join('')

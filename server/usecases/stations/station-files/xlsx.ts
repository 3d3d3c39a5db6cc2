import type { CellValue } from 'exceljs'
import { FileProblem, type SheetTable } from '../../shared/csv'

/** What an uploaded workbook may unpack to: a station sheet of the largest allowed import is far smaller. */
const MAX_UNPACKED_BYTES = 32 * 1024 * 1024

/**
 * Sums the uncompressed sizes in a zip's central directory, so a small upload that inflates to
 * gigabytes is refused before the spreadsheet library unpacks it.
 */
export function unpackedSize(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new FileProblem('不是有效的 xlsx 文件')
  const entries = view.getUint16(eocd + 10, true)
  let at = view.getUint32(eocd + 16, true)
  let total = 0
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw new FileProblem('不是有效的 xlsx 文件')
    const size = view.getUint32(at + 24, true)
    if (size === 0xffffffff) throw new FileProblem('文件太大')
    total += size
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
  }
  return total
}

/** The library is loaded on first use: the finder's calls never pay for it. */
const excel = async () => (await import('exceljs')).default

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('text' in value && typeof value.text === 'string') return value.text
    if ('result' in value) return value.result === undefined ? '' : cellText(value.result as CellValue)
    if ('error' in value) return ''
    return ''
  }
  return String(value)
}

/** The first sheet of a workbook: row 1 is the header; each row keeps its sheet row number as its line. */
export async function readXlsx(bytes: Uint8Array): Promise<SheetTable> {
  if (unpackedSize(bytes) > MAX_UNPACKED_BYTES) throw new FileProblem('文件解压后过大，请删去无关的工作表和图片')
  const ExcelJS = await excel()
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never)
  } catch {
    throw new FileProblem('不是有效的 xlsx 文件')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet || sheet.rowCount === 0) throw new FileProblem('文件是空的')
  const width = sheet.getRow(1).cellCount
  const cells = (rowNumber: number) => {
    const row = sheet.getRow(rowNumber)
    return Array.from({ length: Math.max(width, row.cellCount) }, (_, i) => cellText(row.getCell(i + 1).value).trim())
  }
  const header = cells(1)
  const rows: SheetTable['rows'] = []
  for (let n = 2; n <= sheet.rowCount; n++) rows.push({ line: n, cells: cells(n) })
  return { header, rows }
}

/** A workbook of one sheet named 站点; numeric columns stay numbers so Excel can sort them. */
export async function writeXlsx(table: SheetTable, numeric: ReadonlySet<number>): Promise<Uint8Array> {
  const ExcelJS = await excel()
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('站点')
  sheet.addRow(table.header).font = { bold: true }
  for (const r of table.rows) sheet.addRow(r.cells.map((c, i) => (numeric.has(i) && c !== '' && Number.isFinite(Number(c)) ? Number(c) : c)))
  sheet.columns.forEach((col, i) => (col.width = Math.min(40, Math.max(10, table.header[i].length * 2 + 4))))
  const buffer = await workbook.xlsx.writeBuffer()
  return new Uint8Array(buffer as ArrayBuffer)
}

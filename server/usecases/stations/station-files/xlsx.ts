import type { SheetTable } from '../../shared/csv'

/** The library is loaded on first use: the finder's calls never pay for it. Reading is ../../shared/xlsx (bounded, streaming). */
const excel = async () => (await import('exceljs')).default

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

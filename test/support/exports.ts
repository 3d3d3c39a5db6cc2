/**
 * Reading an export as its downloader would: the reply carries a link, not the bytes. A local link
 * (`/files/<token>`) names its file in the token's body; the file is read from the file store it
 * was written to. Any other link (CloudBase storage's, here the stand-in's) is fetched.
 */
import ExcelJS from 'exceljs'
import { FILE_LINK_PREFIX } from '../../server/adapters/files/file-links'
import { displayWidth } from '../../server/usecases/households/xlsx-sheet'
import type { ExportColumn } from '../../src/domain/household-export'
import type { FileStore } from '../../server/ports'
import type { ExportedFile } from '../../src/domain/api/households'

/** The file store key a local link names (without checking its signature: the route does that). */
export function keyOfLocalLink(url: string): string {
  const body = url.slice(FILE_LINK_PREFIX.length).split('.')[0]
  return (JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { k: string }).k
}

/** The bytes of an export, through its link; checks the reply's size against them. */
export async function exportedBytes(files: FileStore, file: ExportedFile): Promise<Uint8Array> {
  let bytes: Uint8Array | null
  if (file.url.startsWith(FILE_LINK_PREFIX)) bytes = await files.get(keyOfLocalLink(file.url), 1024 * 1024 * 1024)
  else {
    const res = await fetch(file.url)
    bytes = res.ok ? new Uint8Array(await res.arrayBuffer()) : null
  }
  if (!bytes) throw new Error(`export ${file.fileName} is not in the file store`)
  expect(bytes.length).toBe(file.size)
  return bytes
}

/** The first worksheet of an XLSX export, opened with exceljs as a spreadsheet program would. */
export async function exportedSheet(files: FileStore, file: ExportedFile): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(await exportedBytes(files, file)) as never)
  return workbook.worksheets[0]
}

/**
 * What issue 16 asked of an XLSX export: the header row frozen, each column at least as wide as its
 * header (and `minWidths` where given), and every filled cell of a date column a real date with a
 * date format (at least one such cell in the sheet).
 */
export function expectSpreadsheetLayout(ws: ExcelJS.Worksheet, columns: readonly ExportColumn[], minWidths: Record<string, number> = {}): void {
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
  columns.forEach((c, i) => {
    expect(ws.getCell(1, i + 1).value).toBe(c.header)
    const width = ws.getColumn(i + 1).width ?? 0
    expect(width).toBeGreaterThanOrEqual(Math.max(8, displayWidth(c.header), minWidths[c.header] ?? 0))
  })
  let dates = 0
  for (const [i, c] of columns.entries()) {
    if (!c.date) continue
    ws.getColumn(i + 1).eachCell((cell, row) => {
      if (row === 1 || cell.value === null || cell.value === '') return
      dates++
      expect(cell.value).toBeInstanceOf(Date)
      expect(cell.numFmt).toMatch(/[yY].*[dD]|[dD].*[yY]/)
    })
  }
  expect(dates).toBeGreaterThan(0)
}

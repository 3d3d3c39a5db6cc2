import { PassThrough } from 'node:stream'
import { columnWidths, displayWidth, openXlsx, sheetBacklog, xlsxValue } from './xlsx-sheet'

describe('the XLSX side of an export', () => {
  it('measures text as a spreadsheet shows it: Chinese characters two wide', () => {
    expect(displayWidth('档案编号')).toBe(8)
    expect(displayWidth('MLS-H-2020-000001')).toBe(17)
    expect(displayWidth('张小明（户主）')).toBe(14)
    expect(displayWidth('')).toBe(0)
  })

  it('sizes columns to the header and the rows seen, within 8..50', () => {
    const columns = [{ key: 'a', header: '序' }, { key: 'b', header: '身份证号' }, { key: 'c', header: '备注' }]
    const rows = [['1', '532504199001011238', '很长的备注'.repeat(20)]]
    expect(columnWidths(columns, rows)).toEqual([8, 20, 50])
    expect(columnWidths(columns, [])).toEqual([8, 10, 8])
  })

  it('writes a date column as a date, a number column as a number, anything else (and what does not parse) as text', () => {
    const date = { key: 'd', header: '日期', date: true }
    const money = { key: 'm', header: '金额', numeric: true }
    expect(xlsxValue(date, '2020-02-29')).toEqual(new Date(Date.UTC(2020, 1, 29)))
    expect(xlsxValue(date, '')).toBe('')
    expect(xlsxValue(date, '2020/02/29')).toBe('2020/02/29')
    expect(xlsxValue(money, '-1234.50')).toBe(-1234.5)
    expect(xlsxValue(money, '不详')).toBe('不详')
    expect(xlsxValue({ key: 't', header: '编号' }, '007')).toBe('007')
  })

  it('sees the XML waiting to be compressed (exceljs internals, pinned): rows written without yielding pile up, and settle lets them out', async () => {
    const out = new PassThrough()
    out.resume()
    const book = await openXlsx(out, '表', [{ key: 'a', header: '文字' }, { key: 'b', header: '日期', date: true }])
    const rows = Array.from({ length: 20_000 }, (_, i) => [`第${i}行的一些文字`, '2020-01-01'])
    book.addRows(rows)
    const sheet = (book as unknown as { sheet?: unknown }).sheet
    expect(sheet).toBeDefined()
    expect(sheetBacklog(sheet)).toBeGreaterThan(1 << 20)
    await book.settle()
    expect(sheetBacklog(sheet)).toBeLessThanOrEqual(1 << 20)
    await book.finish()
  })
})

import { CSV_ENCODINGS, UNREADABLE_CSV } from '../../../test/support/csv-encodings'
import { FileProblem, parseCsv, readCsv, readCsvRecords, writeCsv } from './csv'

const problemOf = (read: () => unknown) => {
  try {
    read()
  } catch (err) {
    return err instanceof FileProblem ? { message: err.message, line: err.line } : err
  }
  throw new Error('expected a FileProblem')
}

describe('reading CSV as Excel writes it', () => {
  test('BOM, CRLF, quoted commas, doubled quotes, line breaks in quotes; blank lines skipped; records keep their line', () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n\r\n"two\nlines",z\r\n'
    expect(readCsvRecords(new TextEncoder().encode(text))).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 4, cells: ['two\nlines', 'z'] },
    ])
    expect(problemOf(() => parseCsv('a,b\n"open,1\n'))).toEqual({ message: '引号没有闭合', line: 2 })
  })

  test.each(CSV_ENCODINGS)('decodes %s to the same records', (_encoding, encode) => {
    expect(readCsvRecords(encode('编号,名称\r\nA1,"弥阳街道，总工会"\r\n'))).toEqual([
      { line: 1, cells: ['编号', '名称'] },
      { line: 2, cells: ['A1', '弥阳街道，总工会'] },
    ])
  })

  test('bytes of neither encoding, and a file of blank lines, are problems without a line', () => {
    expect(problemOf(() => readCsvRecords(UNREADABLE_CSV))).toEqual({ message: '文件编码无法识别。请在 Excel 中“另存为”选择“CSV UTF-8（逗号分隔）”后重试', line: undefined })
    expect(problemOf(() => readCsv(new TextEncoder().encode('\r\n\r\n')))).toEqual({ message: '文件是空的', line: undefined })
  })

  test('what writeCsv writes reads back the same, formula starts included', () => {
    const table = { header: ['名称', '备注'], rows: [{ line: 2, cells: ['=SUM(A1)', ' 前后空格 '] }, { line: 3, cells: ['-5', '多行\n文本'] }] }
    const bytes = writeCsv(table)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes)).toContain("'=SUM(A1)")
    expect(readCsv(bytes)).toEqual(table)
  })
})

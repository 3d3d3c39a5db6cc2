import { PassThrough } from 'node:stream'
import { inflateRawSync } from 'node:zlib'
import { columnLetters, xlsxRowsXml, xmlText } from './job-sheet'
import { crc32, ZipWriter } from './zip-writer'

/** The entries of a zip as a reader finds them: from the end record through the central directory. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.length - 22
  expect(zip.readUInt32LE(end)).toBe(0x06054b50)
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  const out = new Map<string, Buffer>()
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50)
    const crc = zip.readUInt32LE(at + 16)
    const compressed = zip.readUInt32LE(at + 20)
    const size = zip.readUInt32LE(at + 24)
    const nameLength = zip.readUInt16LE(at + 28)
    const offset = zip.readUInt32LE(at + 42)
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    expect(zip.readUInt32LE(offset)).toBe(0x04034b50)
    const dataAt = offset + 30 + zip.readUInt16LE(offset + 26)
    const data = inflateRawSync(zip.subarray(dataAt, dataAt + compressed))
    expect([data.length, crc32(data)]).toEqual([size, crc])
    // The data descriptor after the entry says the same.
    expect([zip.readUInt32LE(dataAt + compressed), zip.readUInt32LE(dataAt + compressed + 4)]).toEqual([0x08074b50, crc])
    out.set(name, data)
    at += 46 + nameLength
  }
  return out
}

test('crc32 is zip’s CRC-32, and continues across chunks', () => {
  expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926)
  expect(crc32(Buffer.from('6789'), crc32(Buffer.from('12345')))).toBe(0xcbf43926)
})

test('a zip of small entries and one streamed in many chunks reads back whole, each entry checked by its CRC', async () => {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const zip = new ZipWriter(out)
  await zip.addText('[Content_Types].xml', '<Types/>')
  const line = (i: number) => `<row r="${i}"><c r="A${i}" t="str"><v>第${i}行</v></c></row>`
  await zip.addStream('xl/worksheets/sheet1.xml', async (put) => {
    for (let i = 1; i <= 20_000; i++) await put(Buffer.from(line(i), 'utf8'))
  })
  await zip.finish()
  const entries = readZip(Buffer.concat(chunks))
  expect([...entries.keys()]).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml'])
  expect(entries.get('[Content_Types].xml')!.toString('utf8')).toBe('<Types/>')
  const sheet = entries.get('xl/worksheets/sheet1.xml')!.toString('utf8')
  expect(sheet).toBe(Array.from({ length: 20_000 }, (_, i) => line(i + 1)).join(''))
})

test('sheet rows: column letters past Z, escaped text, characters XML cannot hold dropped, numbers and dates as such', () => {
  expect([0, 25, 26, 39, 701, 702].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AN', 'ZZ', 'AAA'])
  expect(xmlText('a<b>&"c"\u0001\u000b')).toBe('a&lt;b&gt;&amp;&quot;c&quot;')
  const columns = [{ key: 'n', header: '名称' }, { key: 'a', header: '面积', numeric: true }, { key: 'd', header: '日期', date: true }]
  expect(xlsxRowsXml(columns, [['张<三>', '45', '2026-03-05'], ['', 'x', '']], 7)).toBe(
    '<row r="7"><c r="A7" t="str"><v>张&lt;三&gt;</v></c><c r="B7"><v>45</v></c><c r="C7" s="1"><v>46086</v></c></row>' + '<row r="8"><c r="B8" t="str"><v>x</v></c></row>',
  )
})

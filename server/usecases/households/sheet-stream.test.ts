import { PassThrough, Writable } from 'node:stream'
import { HOUSEHOLD_EXPORT_COLUMNS } from '../../../src/domain/household-export'
import { openSheetStream } from './sheet-stream'

/** A stream that takes `okBytes`, then fails as a full disk would. */
function failingAfter(okBytes: number): Writable {
  let taken = 0
  return new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _enc, done) {
      taken += chunk.length
      setImmediate(() => done(taken > okBytes ? Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }) : null))
    },
  })
}

const page = Array.from({ length: 500 }, (_, i) => HOUSEHOLD_EXPORT_COLUMNS.map((c) => `${c.header}${i}`))

describe('a sheet written into a stream', () => {
  it.each(['csv', 'xlsx'] as const)('%s: a stream that fails halfway stops the export with its error instead of leaving it waiting', async (format) => {
    const out = failingAfter(20_000)
    out.on('error', () => undefined)
    const sheet = await openSheetStream(format, out, '建档户', HOUSEHOLD_EXPORT_COLUMNS)
    const run = async () => {
      for (let i = 0; i < 20; i++) await sheet.addPage(page)
      await sheet.finish()
    }
    await expect(run()).rejects.toThrow('ENOSPC')
  }, 30_000)

  it('csv: what a healthy stream receives is the whole file, BOM and header first', async () => {
    const out = new PassThrough()
    const chunks: Buffer[] = []
    out.on('data', (c: Buffer) => chunks.push(c))
    const sheet = await openSheetStream('csv', out, '建档户', HOUSEHOLD_EXPORT_COLUMNS)
    await sheet.addPage(page.slice(0, 2))
    await sheet.finish()
    const lines = Buffer.concat(chunks).toString('utf8').split('\r\n')
    expect(lines[0].startsWith('\uFEFF档案编号,')).toBe(true)
    expect(lines).toHaveLength(4)
  })
})

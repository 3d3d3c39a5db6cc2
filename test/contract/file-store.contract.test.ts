import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { cloudbaseFileStore } from '../../server/adapters/cloudbase/file-store'
import { resetSdk } from '../../server/adapters/cloudbase/sdk'
import { localFileStore } from '../../server/adapters/files/local-file-store'
import type { FileStore } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'

let standin: Standin

beforeAll(async () => {
  Object.assign(process.env, { TENCENTCLOUD: 'true', SILENCE: 'true', TCB_ENV: 'test-env', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y' })
  standin = await startDeployedStandin()
  process.env.LANTIAN_TCB_SERVICE_URL = standin.url
})
afterAll(() => standin.close())

const factories: [string, () => { files: FileStore; close: () => void }][] = [
  [
    'local folder',
    () => {
      const { dir, cleanup } = tempDir()
      return { files: localFileStore(dir, randomBytes(32)), close: cleanup }
    },
  ],
  [
    'CloudBase storage (node-sdk against the stand-in)',
    () => {
      standin.reset()
      resetSdk()
      return { files: cloudbaseFileStore(), close: () => undefined }
    },
  ],
]

/** Writes `data` in chunks of 64 KiB as an exporter does, waiting on backpressure, then ends the stream. */
async function writeAll(stream: Writable, data: Uint8Array): Promise<void> {
  for (let i = 0; i < data.length; i += 65_536) if (!stream.write(Buffer.from(data.subarray(i, i + 65_536)))) await once(stream, 'drain')
  stream.end()
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const bytes = (n: number, seed = 7) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) % 256)

/** One suite over both file stores: what the document use cases rely on. */
describe.each(factories)('FileStore contract: %s', (_name, open) => {
  let files: FileStore
  let close: () => void
  beforeEach(() => ({ files, close } = open()))
  afterEach(() => close())

  test('put gives a key that get reads back byte for byte; remove makes it null; removing twice is fine', async () => {
    const data = bytes(300_000)
    const key = await files.put('documents/app-1/doc-1.jpg', data, 'image/jpeg')
    expect(files.owns(key, 'documents/app-1')).toBe(true)
    expect(Buffer.compare(Buffer.from((await files.get(key, 1_000_000))!), Buffer.from(data))).toBe(0)
    await files.remove(key)
    expect(await files.get(key, 1_000_000)).toBeNull()
    await expect(files.remove(key)).resolves.toBeUndefined()
  })

  test('get returns at most maxBytes + 1 bytes, so an oversized file shows as such', async () => {
    const key = await files.put('documents/app-1/big.pdf', bytes(50_000), 'application/pdf')
    const head = await files.get(key, 1000)
    expect(head?.length).toBeGreaterThan(1000)
    expect(head?.length).toBeLessThan(50_000)
    expect(Buffer.compare(Buffer.from(head!.subarray(0, 1001)), Buffer.from(bytes(50_000).subarray(0, 1001)))).toBe(0)
  })

  test('a missing or foreign key reads as null; owns() names only keys of the store under the prefix', async () => {
    const key = await files.put('documents/app-2/x', bytes(10), 'image/png')
    expect(files.owns(key, 'documents/app-1')).toBe(false)
    expect(files.owns(key, 'documents/app-2')).toBe(true)
    expect(files.owns('../../etc/passwd', 'documents/app-2')).toBe(false)
    expect(files.owns('https://evil.example/documents/app-2/x', 'documents/app-2')).toBe(false)
    for (const k of ['documents/none/x', 'cloud://test-env.bucket/documents/none/x', '../../../etc/passwd', '']) {
      expect(await files.get(k, 100)).toBeNull()
    }
  })

  test('a file written as a stream (create) reads back whole through get and open; its size is the bytes written', async () => {
    const data = bytes(3_000_000, 3)
    const sink = await files.create('exports/masked-s1/ledger-2026-01-01.csv', 'text/csv')
    await writeAll(sink.stream, data)
    const { key, size } = await sink.close()
    expect(size).toBe(data.length)
    expect(files.owns(key, 'exports/masked-s1')).toBe(true)
    expect(Buffer.compare(Buffer.from((await files.get(key, 4_000_000))!), Buffer.from(data))).toBe(0)
    const opened = await files.open(key)
    expect(opened?.size).toBe(data.length)
    expect(Buffer.compare(await readAll(opened!.stream), Buffer.from(data))).toBe(0)
    await files.remove(key)
    expect(await files.open(key)).toBeNull()
  })

  test('an aborted stream leaves no file under its path', async () => {
    const sink = await files.create('exports/masked-s2/households-2026-01-01.xlsx', 'application/octet-stream')
    sink.stream.write(Buffer.from(bytes(100_000)))
    await sink.abort()
    expect(await files.get(await files.keyFor('exports/masked-s2/households-2026-01-01.xlsx'), 10)).toBeNull()
  })

  test('a second put to the same path replaces the file', async () => {
    const key = await files.put('documents/app-3/y', bytes(20, 1), 'image/png')
    const again = await files.put('documents/app-3/y', bytes(20, 2), 'image/png')
    expect(again).toBe(key)
    expect(await files.get(key, 100)).toEqual(bytes(20, 2))
  })
})

describe('local folder: safety', () => {
  test('refuses paths that would leave the folder', async () => {
    const { dir, cleanup } = tempDir()
    const files = localFileStore(dir, randomBytes(32))
    for (const p of ['../x', '/etc/x', 'a/../../x', 'a//b', 'a\\b']) await expect(files.put(p, bytes(1), 'image/png')).rejects.toThrow('unsafe')
    cleanup()
  })
})

describe('local folder: encryption at rest', () => {
  test('stores no readable bytes, and another key cannot read them back', async () => {
    const { dir, cleanup } = tempDir()
    const key = randomBytes(32)
    const plain = Buffer.from('%PDF-1.7 户口本 532504199001011238')
    const files = localFileStore(dir, key)
    const stored = await files.put('documents/app-9/hukou.pdf', plain, 'application/pdf')
    const onDisk = readFileSync(join(dir, 'documents', 'app-9', readdirSync(join(dir, 'documents', 'app-9'))[0]))
    expect(onDisk.includes(Buffer.from('532504199001011238'))).toBe(false)
    expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false)
    expect(Buffer.from((await files.get(stored, 1000))!)).toEqual(plain)
    await expect(localFileStore(dir, randomBytes(32)).get(stored, 1000)).rejects.toThrow()
    expect(Buffer.from((await files.get(stored, 10))!)).toEqual(plain.subarray(0, 11))
    cleanup()
  })

  test('a streamed file is sealed the same way; changed on disk, its stream fails at the end instead of ending cleanly', async () => {
    const { dir, cleanup } = tempDir()
    const files = localFileStore(dir, randomBytes(32))
    const plain = Buffer.from('身份证号,532504199001011238\r\n'.repeat(5000))
    const sink = await files.create('exports/full-s3/households-full-2026-01-01.csv', 'text/csv')
    await writeAll(sink.stream, plain)
    const { key } = await sink.close()
    const path = join(dir, key)
    const onDisk = readFileSync(path)
    expect(onDisk.includes(Buffer.from('532504199001011238'))).toBe(false)
    // No temporary file left beside it.
    expect(readdirSync(join(dir, 'exports', 'full-s3'))).toEqual(['households-full-2026-01-01.csv'])
    onDisk[onDisk.length - 100] ^= 1
    writeFileSync(path, onDisk)
    await expect(readAll((await files.open(key))!.stream)).rejects.toThrow()
    await expect(files.get(key, plain.length)).rejects.toThrow()
    // Aborted halfway: nothing left in the folder.
    const aborted = await files.create('exports/full-s4/x.csv', 'text/csv')
    aborted.stream.write(plain)
    await aborted.abort()
    expect(readdirSync(join(dir, 'exports', 'full-s4'))).toEqual([])
    cleanup()
  })
})

import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { createDeflateRaw, deflateRawSync } from 'node:zlib'
import { alive } from './xlsx-sheet'

/**
 * A zip written front to back into a stream, entries of any size deflated as they come (a data
 * descriptor after each entry carries its CRC and sizes, so nothing waits to know them first):
 * what an XLSX put together from parts needs, with zlib alone. Up to 4 GB per entry and in all
 * (no ZIP64): an export sheet of about three million households.
 */

const TABLE = (() => {
  const t = new Int32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c
  }
  return t
})()

/** CRC-32 (zip's) of `bytes`, continuing from `crc`. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8)
  return ~c >>> 0
}

/** 1980-01-01 00:00 in DOS time: the same bytes for the same content. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1
const FLAGS = 0x0808 // sizes in a data descriptor; UTF-8 names
const MAX = 0xffffffff

interface Entry {
  name: Buffer
  offset: number
  crc: number
  compressed: number
  size: number
}

export class ZipWriter {
  private offset = 0
  private readonly entries: Entry[] = []

  constructor(private readonly out: Writable) {}

  private async put(bytes: Uint8Array): Promise<void> {
    alive(this.out)
    this.offset += bytes.length
    if (!this.out.write(bytes)) await once(this.out, 'drain')
  }

  private header(name: Buffer): Buffer {
    const h = Buffer.alloc(30)
    h.writeUInt32LE(0x04034b50, 0)
    h.writeUInt16LE(20, 4)
    h.writeUInt16LE(FLAGS, 6)
    h.writeUInt16LE(8, 8)
    h.writeUInt16LE(0, 10)
    h.writeUInt16LE(DOS_DATE, 12)
    h.writeUInt16LE(name.length, 26)
    return Buffer.concat([h, name])
  }

  private async close(entry: Entry): Promise<void> {
    if (entry.compressed > MAX || entry.size > MAX || this.offset > MAX) throw new Error('the file is over 4 GB')
    const d = Buffer.alloc(16)
    d.writeUInt32LE(0x08074b50, 0)
    d.writeUInt32LE(entry.crc, 4)
    d.writeUInt32LE(entry.compressed, 8)
    d.writeUInt32LE(entry.size, 12)
    await this.put(d)
    this.entries.push(entry)
  }

  /** A small entry, deflated at once. */
  async addText(name: string, text: string): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf8')
    const entry: Entry = { name: nameBytes, offset: this.offset, crc: 0, compressed: 0, size: 0 }
    const bytes = Buffer.from(text, 'utf8')
    const deflated = deflateRawSync(bytes)
    await this.put(this.header(nameBytes))
    await this.put(deflated)
    await this.close({ ...entry, crc: crc32(bytes), compressed: deflated.length, size: bytes.length })
  }

  /** An entry of any size: `write` gets a function taking its bytes in order (each awaited: backpressure). */
  async addStream(name: string, write: (chunk: (bytes: Uint8Array) => Promise<void>) => Promise<void>): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf8')
    const entry: Entry = { name: nameBytes, offset: this.offset, crc: 0, compressed: 0, size: 0 }
    await this.put(this.header(nameBytes))
    const deflate = createDeflateRaw({ level: 6 })
    const pump = (async () => {
      for await (const chunk of deflate as AsyncIterable<Buffer>) {
        entry.compressed += chunk.length
        await this.put(chunk)
      }
    })()
    // A failure of the output ends the deflater too, so neither side waits for the other.
    pump.catch((err: unknown) => deflate.destroy(err as Error))
    await write(async (bytes) => {
      entry.crc = crc32(bytes, entry.crc)
      entry.size += bytes.length
      if (!deflate.write(bytes)) await once(deflate, 'drain')
    })
    deflate.end()
    await pump
    await this.close(entry)
  }

  /** The central directory and its end; then ends the stream. */
  async finish(): Promise<void> {
    const start = this.offset
    for (const e of this.entries) {
      const c = Buffer.alloc(46)
      c.writeUInt32LE(0x02014b50, 0)
      c.writeUInt16LE(20, 4)
      c.writeUInt16LE(20, 6)
      c.writeUInt16LE(FLAGS, 8)
      c.writeUInt16LE(8, 10)
      c.writeUInt16LE(0, 12)
      c.writeUInt16LE(DOS_DATE, 14)
      c.writeUInt32LE(e.crc, 16)
      c.writeUInt32LE(e.compressed, 20)
      c.writeUInt32LE(e.size, 24)
      c.writeUInt16LE(e.name.length, 28)
      c.writeUInt32LE(e.offset, 42)
      await this.put(Buffer.concat([c, e.name]))
    }
    const end = Buffer.alloc(22)
    end.writeUInt32LE(0x06054b50, 0)
    end.writeUInt16LE(this.entries.length, 8)
    end.writeUInt16LE(this.entries.length, 10)
    end.writeUInt32LE(this.offset - start, 12)
    end.writeUInt32LE(start, 16)
    await this.put(end)
    this.out.end()
  }
}

/**
 * A zip writer for tests that can lie: each entry's declared size, the end record's entry count
 * and the order of structures are the test's to choose, so hostile workbooks are made by code
 * rather than committed as binaries.
 */
import { deflateRawSync } from 'node:zlib'

/** One entry: its bytes (deflated unless `stored`), and what its central record should claim instead of the truth. */
export interface ZipEntrySpec {
  name: string
  data: Uint8Array | string
  stored?: boolean
  /** The uncompressed size the central record claims (the truth when absent). */
  declaredSize?: number
  /** General-purpose flags (bit 0: encrypted). */
  flags?: number
  /** The central record claims compressed data that runs 10 bytes into the next entry's local header. */
  overlapNext?: boolean
}

export interface ZipSpec {
  entries: ZipEntrySpec[]
  /** The number of entries the end record claims (the truth when absent). */
  claimedEntries?: number
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** Deflated bodies by their bytes: a corpus that packs one large part twice deflates it once. */
const deflated = new WeakMap<Uint8Array, Buffer>()

function deflate(data: Uint8Array): Buffer {
  const done = deflated.get(data) ?? deflateRawSync(data)
  deflated.set(data, done)
  return done
}

/** Builds the zip described by `spec`. */
export function buildZip(spec: ZipSpec): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  const offsets: number[] = []
  let offset = 0
  const prepared = spec.entries.map((e) => {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data)
    const body = e.stored ? raw : deflate(typeof e.data === 'string' ? raw : e.data)
    return { e, raw, body, name: Buffer.from(e.name, 'utf8'), crc: crc32(raw) }
  })
  for (const p of prepared) {
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(p.e.flags ?? 0, 6)
    local.writeUInt16LE(p.e.stored ? 0 : 8, 8)
    local.writeUInt32LE(p.crc, 14)
    local.writeUInt32LE(p.body.length, 18)
    local.writeUInt32LE(p.e.declaredSize ?? p.raw.length, 22)
    local.writeUInt16LE(p.name.length, 26)
    offsets.push(offset)
    locals.push(local, p.name, p.body)
    offset += 30 + p.name.length + p.body.length
  }
  prepared.forEach((p, i) => {
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(p.e.flags ?? 0, 8)
    central.writeUInt16LE(p.e.stored ? 0 : 8, 10)
    central.writeUInt32LE(p.crc, 16)
    central.writeUInt32LE(p.e.overlapNext && i + 1 < offsets.length ? offsets[i + 1] + 10 - (offsets[i] + 30 + p.name.length) : p.body.length, 20)
    central.writeUInt32LE(p.e.declaredSize ?? p.raw.length, 24)
    central.writeUInt16LE(p.name.length, 28)
    central.writeUInt32LE(offsets[i], 42)
    centrals.push(central, p.name)
  })
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  const claimed = spec.claimedEntries ?? prepared.length
  eocd.writeUInt16LE(claimed, 8)
  eocd.writeUInt16LE(claimed, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, eocd])
}

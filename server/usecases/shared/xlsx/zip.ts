import { createInflateRaw } from 'node:zlib'
import { FileProblem } from '../csv'
import { LIMIT_MESSAGES, type SheetLimits } from '../sheet-limits'

/** One part of a zip, located by checking its central record against its local header. */
export interface ZipEntry {
  name: string
  method: 0 | 8
  dataStart: number
  compressedSize: number
  /** What the central record claims; compared with what inflates, never used to size anything. */
  declaredSize: number
}

/** Bytes still allowed to come out of the inflater, shared by every part read from one file. */
export interface InflateBudget {
  left: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const invalid = () => new FileProblem(LIMIT_MESSAGES.invalidXlsx())

/**
 * The entries of a zip, every structure checked before anything is inflated: the end record must
 * close the file and point at a central directory that ends where it starts; every central record
 * up to it is read and counted (more records than the end record claims, or fewer, refuses the
 * file); each record's local header must carry the same name and method; entries may not overlap,
 * and no ZIP64, encrypted or unusual compression is accepted (an .xlsx under a few MB needs none).
 */
export function listZip(bytes: Uint8Array, limits: SheetLimits): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const u16 = (at: number) => view.getUint16(at, true)
  const u32 = (at: number) => view.getUint32(at, true)
  if (bytes.length < 22 || u32(0) !== LOCAL) throw invalid()
  let eocd = -1
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (u32(i) === EOCD && i + 22 + u16(i + 20) === bytes.length) {
      eocd = i
      break
    }
  }
  if (eocd < 0 || u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0 || u16(eocd + 8) !== u16(eocd + 10)) throw invalid()
  const claimed = u16(eocd + 10)
  const cdSize = u32(eocd + 12)
  const cdOffset = u32(eocd + 16)
  if (claimed > limits.maxZipEntries) throw new FileProblem(LIMIT_MESSAGES.zipEntries(limits))
  if (cdOffset + cdSize !== eocd) throw invalid()

  const entries = new Map<string, ZipEntry>()
  const located: { offset: number; end: number }[] = []
  let at = cdOffset
  while (at < eocd) {
    if (entries.size >= limits.maxZipEntries) throw new FileProblem(LIMIT_MESSAGES.zipEntries(limits))
    if (at + 46 > eocd || u32(at) !== CENTRAL) throw invalid()
    const flags = u16(at + 8)
    const method = u16(at + 10)
    const compressedSize = u32(at + 20)
    const declaredSize = u32(at + 24)
    const nameLength = u16(at + 28)
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32)
    const offset = u32(at + 42)
    if (next > eocd) throw invalid()
    if (flags & 0x41) throw new FileProblem(LIMIT_MESSAGES.encrypted())
    if ((method !== 0 && method !== 8) || [compressedSize, declaredSize, offset].includes(0xffffffff)) throw invalid()
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength)
    const name = Buffer.from(nameBytes).toString('utf8')
    if (entries.has(name)) throw invalid()
    const dataStart = checkLocalHeader(bytes, view, offset, method, nameBytes, cdOffset)
    if (dataStart + compressedSize > cdOffset) throw invalid()
    entries.set(name, { name, method, dataStart, compressedSize, declaredSize })
    located.push({ offset, end: dataStart + compressedSize })
    at = next
  }
  if (at !== eocd || entries.size !== claimed) throw invalid()
  located.sort((a, b) => a.offset - b.offset)
  // Overlapping entries let a few kilobytes name the same compressed data many times over.
  for (let i = 1; i < located.length; i++) if (located[i].offset < located[i - 1].end) throw invalid()
  return entries
}

/** Where an entry's data starts, once its local header is found to match its central record. */
function checkLocalHeader(bytes: Uint8Array, view: DataView, offset: number, method: number, name: Uint8Array, limit: number): number {
  if (offset + 30 > limit || view.getUint32(offset, true) !== LOCAL || view.getUint16(offset + 8, true) !== method) throw invalid()
  const nameLength = view.getUint16(offset + 26, true)
  const localName = bytes.subarray(offset + 30, offset + 30 + nameLength)
  if (nameLength !== name.length || !Buffer.from(localName).equals(Buffer.from(name))) throw invalid()
  return offset + 30 + nameLength + view.getUint16(offset + 28, true)
}

/**
 * Inflates one entry, handing its bytes to `onChunk` as they come out and counting them against
 * `budget`: the inflater stops the moment the count passes it, whatever the entry claims. An entry
 * whose inflated size differs from its central record's is refused after the fact.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget, limits: SheetLimits, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize)
  let produced = 0
  const take = (chunk: Uint8Array) => {
    produced += chunk.length
    budget.left -= chunk.length
    if (budget.left < 0) throw new FileProblem(LIMIT_MESSAGES.inflated(limits))
    onChunk(chunk)
  }
  const finish = () => {
    if (produced !== entry.declaredSize) throw invalid()
  }
  if (entry.method === 0) {
    return new Promise((resolve) => {
      for (let i = 0; i < data.length; i += 65_536) take(data.subarray(i, i + 65_536))
      finish()
      resolve()
    })
  }
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 })
    let failed = false
    const fail = (err: unknown) => {
      if (failed) return
      failed = true
      inflater.destroy()
      reject(err instanceof FileProblem ? err : invalid())
    }
    inflater.on('data', (chunk: Buffer) => {
      if (failed) return
      try {
        take(chunk)
      } catch (err) {
        fail(err)
      }
    })
    inflater.on('error', fail)
    inflater.on('end', () => {
      if (failed) return
      try {
        finish()
        resolve()
      } catch (err) {
        fail(err)
      }
    })
    inflater.end(data)
  })
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { closeSync, createReadStream, createWriteStream, type WriteStream, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { pipeline, Transform, type Readable } from 'node:stream'
import { finished } from 'node:stream/promises'
import type { FileSink } from '../../ports'

/** `LTF1` + 12-byte IV + 16-byte tag, then the ciphertext: the local store's sealed file. */
export const MAGIC = Buffer.from('LTF1')
export const OVERHEAD = MAGIC.length + 12 + 16
const TAG_AT = MAGIC.length + 12

/** Destroys a file stream and waits until its file is closed (or was never opened). */
export async function closed(out: WriteStream): Promise<void> {
  if (out.closed) return
  const done = once(out, 'close').catch(() => undefined)
  out.destroy()
  await done
}

/**
 * A sealed file written as a stream: the header goes out with an empty tag, the ciphertext as the
 * bytes come, and the tag (known only at the end) is written into the header before the temporary
 * file is renamed to its name. The same format as a file sealed whole, so `get` reads either.
 */
export function sealedFileSink(file: string, key: Buffer, storeKey: string): FileSink {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const out = createWriteStream(tmp, { mode: 0o600, flags: 'wx' })
  out.write(Buffer.concat([MAGIC, iv, Buffer.alloc(16)]))
  let size = 0
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length
      done(null, cipher.update(chunk))
    },
    flush(done) {
      done(null, cipher.final())
    },
  })
  // A failed write (a full disk) destroys both: the exporter's next write or wait fails, close rejects.
  pipeline(stream, out, () => undefined)
  return {
    stream,
    async close() {
      await finished(out)
      const fd = openSync(tmp, 'r+')
      try {
        writeSync(fd, cipher.getAuthTag(), 0, 16, TAG_AT)
      } finally {
        closeSync(fd)
      }
      renameSync(tmp, file)
      return { key: storeKey, size }
    },
    async abort() {
      stream.destroy()
      // The file may still be opening: removed once the stream has closed, so it is not created after.
      await closed(out)
      rmSync(tmp, { force: true })
    },
  }
}

/**
 * The plain bytes of a sealed file as a stream, or null when it is not one. The tag is checked at
 * the end: a file changed on disk fails the stream there (a download then breaks off).
 */
export function openSealedFile(file: string, key: Buffer): { stream: Readable; size: number } | null {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    return null
  }
  const head = Buffer.alloc(OVERHEAD)
  let n: number
  let total: number
  try {
    n = readSync(fd, head, 0, OVERHEAD, 0)
    total = fstatSync(fd).size
  } finally {
    closeSync(fd)
  }
  if (n < OVERHEAD || !head.subarray(0, MAGIC.length).equals(MAGIC)) return null
  const decipher = createDecipheriv('aes-256-gcm', key, head.subarray(MAGIC.length, TAG_AT))
  decipher.setAuthTag(head.subarray(TAG_AT, OVERHEAD))
  // GCM adds no padding: the plain size is the file's less its header.
  return { stream: pipeline(createReadStream(file, { start: OVERHEAD }), decipher, () => undefined), size: total - OVERHEAD }
}

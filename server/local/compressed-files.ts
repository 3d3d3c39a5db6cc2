import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

/** The encodings the server keeps files in, best first. */
export type Encoding = 'br' | 'gzip'

/** Files smaller than this go as they are: the saving is about a header's worth. */
export const MIN_COMPRESS_BYTES = 512

/** Past this many cached bytes (a build weighs a few MB, compressed less) the cache starts again. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/**
 * Brotli at quality 5: within a few percent of quality 9 on the app's bundles and about 50 times
 * faster than 11 (3 s for the largest chunk on a small machine), so the first visitor after a
 * start waits for no compression worth speaking of. Both run on libuv's pool, off the event loop.
 */
const ENCODERS: Record<Encoding, (bytes: Buffer) => Promise<Buffer>> = {
  br: (bytes) => brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  gzip: (bytes) => gzipAsync(bytes, { level: 6 }),
}

/**
 * The encoding to send for an `Accept-Encoding` header: brotli, else gzip, when the client takes
 * it (q > 0, named or through `*`); null for the file as it is.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  const q = new Map<string, number>()
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim())
    if (!name) continue
    const qParam = params.find((p) => p.startsWith('q='))
    const value = qParam ? Number(qParam.slice(2)) : 1
    q.set(name, Number.isFinite(value) ? value : 0)
  }
  const takes = (enc: string) => (q.get(enc) ?? q.get('*') ?? 0) > 0
  return takes('br') ? 'br' : takes('gzip') ? 'gzip' : null
}

/** A file as it is on disk now: its copies are kept while both stay the same. */
export interface FileVersion {
  path: string
  size: number
  mtimeMs: number
}

/** A weak validator from the file's size and time (as serve-static makes it): the same for every encoding. */
export const etagOf = (v: FileVersion) => `W/"${v.size.toString(16)}-${Math.floor(v.mtimeMs).toString(16)}"`

/**
 * Compressed copies of the files of a build, each made once (on its first request, shared by
 * requests that arrive meanwhile) and kept while the file is unchanged.
 */
export function compressedFiles() {
  const copies = new Map<string, Promise<Buffer>>()
  let cachedBytes = 0
  return {
    /** The file's bytes in the encoding; a failed read or compression is not remembered. */
    get(version: FileVersion, encoding: Encoding): Promise<Buffer> {
      const key = `${encoding}:${etagOf(version)}:${version.path}`
      const known = copies.get(key)
      if (known) return known
      const made = readFile(version.path).then(ENCODERS[encoding])
      copies.set(key, made)
      made.then(
        (bytes) => {
          cachedBytes += bytes.length
          if (cachedBytes > MAX_CACHED_BYTES) {
            copies.clear()
            cachedBytes = 0
          }
        },
        () => copies.get(key) === made && copies.delete(key),
      )
      return made
    },
  }
}

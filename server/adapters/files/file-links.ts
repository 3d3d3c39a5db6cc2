import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'

/** Where the local server serves a file link: `/files/<token>`. */
export const FILE_LINK_PREFIX = '/files/'

const linkKey = (dataKey: Buffer) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'lantian/file-links', 32))
const sign = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest('base64url')

/**
 * The local runtime's temporary links (what `getTempFileURL` is on CloudBase): the file's key and
 * the link's end, signed under a sub-key of the data key. Whoever holds the link reads the file
 * until it ends; nothing else does.
 */
export function fileLinks(dataKey: Buffer) {
  const key = linkKey(dataKey)
  return {
    /** The path of a link to `fileKey` that works until `expiresAt` (ms since the epoch). */
    create(fileKey: string, expiresAt: number): string {
      const body = Buffer.from(JSON.stringify({ k: fileKey, e: expiresAt })).toString('base64url')
      return `${FILE_LINK_PREFIX}${body}.${sign(key, body)}`
    },
    /** The file key a link's token names, or null when it is forged, garbled or over. */
    verify(token: string, now: number): string | null {
      const [body, mac] = token.split('.')
      if (!body || !mac) return null
      const expected = Buffer.from(sign(key, body))
      const given = Buffer.from(mac)
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
      try {
        const { k, e } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { k?: unknown; e?: unknown }
        return typeof k === 'string' && typeof e === 'number' && now < e ? k : null
      } catch {
        return null
      }
    },
  }
}

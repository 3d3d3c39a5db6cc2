import type { ServerResponse } from 'node:http'
import { MAX_DOCUMENT_BYTES, sniffDocumentType } from '../../src/domain/documents'
import { CONTENT_TYPES } from '../usecases/households/sheet-stream'
import { EXPORT_FOLDER, FULL_EXPORT_PREFIX } from '../usecases/households/export-link'
import type { FileStore } from '../ports'

/** Checks a link's token: the file key it names, or null. */
export type VerifyFileLink = (token: string, now: number) => string | null

/**
 * Links already used, for links that work once (a full-PII export's): token to the time it ends,
 * dropped once over. One per server, so a restart forgets them (the links end within minutes).
 */
export function spentLinks() {
  const spent = new Map<string, number>()
  return {
    /** Marks the token used; false when it already was. */
    spend(token: string, now: number, until: number): boolean {
      for (const [t, end] of spent) if (end <= now) spent.delete(t)
      if (spent.has(token)) return false
      spent.set(token, until)
      return true
    },
  }
}
export type SpentLinks = ReturnType<typeof spentLinks>

/** The type an export is served as (by its name: csv or xlsx), or a document's by its bytes. */
function typeOf(key: string, bytes: Uint8Array): string | null {
  if (!key.startsWith(`${EXPORT_FOLDER}/`)) return sniffDocumentType(bytes)
  const ext = key.slice(key.lastIndexOf('.') + 1)
  return ext === 'csv' || ext === 'xlsx' ? CONTENT_TYPES[ext] : null
}

const headers = (type: string, length: number, disposition: string) => ({
  'content-type': type,
  'content-length': length,
  'cache-control': 'no-store',
  'content-disposition': disposition,
  'x-content-type-options': 'nosniff',
})

const gone = (res: ServerResponse) => {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
  res.end('链接已失效，请回到原页面重新打开或重新导出')
}

/**
 * `GET /files/<token>`: a document or an export through its temporary link (the local
 * `getTempFileURL`), while the link lasts; a full-PII export's link once. No session is needed, as
 * with CloudBase's links: the signed token is the grant, handed out by an audited `viewDocument`
 * or export. Never cached. A full export's file is handed to `served` once sent (the local
 * `exportReceived`: the browser gives no word when its download ends, the server does).
 */
export async function serveFileLink(files: FileStore, verify: VerifyFileLink, token: string, res: ServerResponse, spent?: SpentLinks, served?: (key: string) => Promise<void>): Promise<void> {
  const now = Date.now()
  const key = verify(token, now)
  if (!key) return gone(res)
  const isExport = key.startsWith(`${EXPORT_FOLDER}/`)
  // A full export's link ends within 5 minutes: remembering it that long (and a margin) is enough.
  if (key.startsWith(FULL_EXPORT_PREFIX) && spent && !spent.spend(token, now, now + 10 * 60_000)) return gone(res)
  // An export of any size is streamed from the store; a document (a few MB at most) read whole to sniff its type.
  if (isExport) {
    const file = await files.open(key)
    const type = file ? typeOf(key, new Uint8Array()) : null
    if (!file || !type) return gone(res)
    res.writeHead(200, headers(type, file.size, `attachment; filename="${key.slice(key.lastIndexOf('/') + 1)}"`))
    // A file that fails its check halfway (changed on disk) breaks the download off rather than ending it cleanly.
    file.stream.on('error', () => res.destroy())
    // A full export served once is handed over (deleted, audited) when sent: its link cannot serve it again, even after a restart.
    if (key.startsWith(FULL_EXPORT_PREFIX) && served) res.on('finish', () => void served(key).catch(() => undefined))
    return void file.stream.pipe(res)
  }
  const bytes = await files.get(key, MAX_DOCUMENT_BYTES)
  const type = bytes ? typeOf(key, bytes) : null
  if (!bytes || !type) return gone(res)
  // A photo is previewed; anything else (a PDF) is downloaded, never rendered by the browser as a page.
  res.writeHead(200, headers(type, bytes.length, type.startsWith('image/') ? 'inline' : 'attachment'))
  res.end(Buffer.from(bytes))
}

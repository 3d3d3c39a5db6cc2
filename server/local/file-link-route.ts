import type { ServerResponse } from 'node:http'
import { MAX_DOCUMENT_BYTES, sniffDocumentType } from '../../src/domain/documents'
import type { FileStore } from '../ports'

/** Checks a link's token: the file key it names, or null. */
export type VerifyFileLink = (token: string, now: number) => string | null

/**
 * `GET /files/<token>`: a document through its temporary link (the local `getTempFileURL`), while
 * the link lasts. No session is needed, as with CloudBase's links: the signed token is the grant,
 * handed out by an audited `viewDocument`. Never cached.
 */
export async function serveFileLink(files: FileStore, verify: VerifyFileLink, token: string, res: ServerResponse): Promise<void> {
  const key = verify(token, Date.now())
  const bytes = key ? await files.get(key, MAX_DOCUMENT_BYTES) : null
  const type = bytes ? sniffDocumentType(bytes) : null
  if (!bytes || !type) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
    return void res.end('链接已失效，请回到案件页面重新打开')
  }
  res.writeHead(200, {
    'content-type': type,
    'content-length': bytes.length,
    'cache-control': 'no-store',
    // A photo is previewed; anything else (a PDF) is downloaded, never rendered by the browser as a page.
    'content-disposition': type.startsWith('image/') ? 'inline' : 'attachment',
    'x-content-type-options': 'nosniff',
  })
  res.end(Buffer.from(bytes))
}

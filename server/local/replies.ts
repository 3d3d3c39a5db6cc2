import type { IncomingMessage, ServerResponse } from 'node:http'
import type { ApiReply } from '../../src/domain'
import { cspForPage } from './headers'

/** A request body larger than this is refused before it is read to the end. */
export const MAX_BODY_BYTES = 1024 * 1024

/** A body that cannot be taken, with the reply that says why. */
export class BodyError extends Error {
  constructor(readonly status: number, readonly reply: ApiReply<never>) {
    super(reply.ok ? '' : reply.error.message)
  }
}

export const invalid = (message: string): ApiReply<never> => ({ ok: false, error: { code: 'VALIDATION', message } })

/** Reads a body of at most `limit` bytes, checked as it arrives; node's request timeout bounds how long it may take. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES, tooLargeMessage = '请求内容过大（不能超过 1 MB）'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    const tooLarge = () => new BodyError(413, invalid(tooLargeMessage))
    if (declared > limit) {
      req.resume()
      return reject(tooLarge())
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.resume()
        reject(tooLarge())
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers })
  res.end(text)
}

/** An HTML page whose own inline scripts, and no other, the CSP allows. */
export function sendHtml(res: ServerResponse, html: string, status = 200, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': cspForPage(html), ...headers })
  res.end(html)
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
  res.end(text)
}

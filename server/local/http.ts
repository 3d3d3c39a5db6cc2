import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { ApiReply } from '../../src/domain'
import { MAX_DOCUMENT_BYTES } from '../../src/domain/documents'
import { handle } from '../functions'
import { handleUpload } from '../functions/upload'
import type { Deps } from '../ports'
import { FILE_LINK_PREFIX } from '../adapters/files/file-links'
import { DEMO_ACCOUNTS, demoIdentity, demoLoginPage, safeNext } from './demo'
import { serveFileLink, type VerifyFileLink } from './file-link-route'
import { readCookie, SESSION_COOKIE, signSession, verifySession } from './session'
import { serveStatic } from './static-files'

/** A request body larger than this is refused before it is read to the end. */
export const MAX_BODY_BYTES = 1024 * 1024

export interface LocalServerOptions {
  deps: Deps
  webRoot: string
  sessionSecret: Buffer
  sessionHours: number
  /** Checks the temporary document links the file store hands out (`/files/<token>`). */
  verifyFileLink: VerifyFileLink
}

class BodyError extends Error {
  constructor(readonly status: number, readonly reply: ApiReply<never>) {
    super(reply.ok ? '' : reply.error.message)
  }
}

/**
 * Sent with every demo sign-in and sign-out: the app keeps drafts in the browser's storage, and
 * in one browser the next demo user must not find the previous one's (WeChat keeps storage per user).
 */
const CLEAR_STORAGE = { 'clear-site-data': '"storage"' }

const invalid = (message: string): ApiReply<never> => ({ ok: false, error: { code: 'VALIDATION', message } })

/** The local runtime: the H5 app, `POST /api/<fn>` with the event contract, and the demo sign-in. */
export function createLocalServer(opts: LocalServerOptions): Server {
  return createServer((req, res) => {
    route(opts, req, res).catch((err: unknown) => {
      console.error(`[http] ${err instanceof Error ? err.message : 'error'}`)
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } })
      else res.destroy()
    })
  })
}

async function route(opts: LocalServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local')
  if (url.pathname === '/api/upload') {
    if (req.method !== 'POST') return sendJson(res, 405, invalid('请使用 POST 上传文件'))
    return upload(opts, url, req, res)
  }
  const api = /^\/api\/([a-z][\w-]{0,40})$/.exec(url.pathname)
  if (api) {
    if (req.method !== 'POST') return sendJson(res, 405, invalid('请使用 POST 调用接口'))
    return callFunction(opts, api[1], req, res)
  }
  if (url.pathname.startsWith(FILE_LINK_PREFIX) && req.method === 'GET') {
    return serveFileLink(opts.deps.files, opts.verifyFileLink, url.pathname.slice(FILE_LINK_PREFIX.length), res)
  }
  if (url.pathname === '/demo-login') {
    if (req.method === 'POST') return demoSignIn(opts, req, res)
    return sendHtml(res, demoLoginPage(safeNext(url.searchParams.get('next'))))
  }
  if (url.pathname === '/demo-logout' && req.method === 'POST') {
    res.writeHead(303, { location: '/demo-login', 'set-cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`, ...CLEAR_STORAGE })
    return void res.end()
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, invalid('不支持的请求方式'))
  serveStatic(opts.webRoot, url.pathname, res)
}

async function callFunction(opts: LocalServerOptions, fn: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return sendJson(res, 415, invalid('请求内容应为 JSON'))
  }
  let event: unknown
  try {
    event = JSON.parse((await readBody(req)).toString('utf8'))
  } catch (err) {
    if (err instanceof BodyError) return sendJson(res, err.status, err.reply)
    return sendJson(res, 400, invalid('请求内容不是有效的 JSON'))
  }
  const session = verifySession(opts.sessionSecret, readCookie(req.headers.cookie, SESSION_COOKIE), Date.now() / 1000)
  const reply = await handle(fn, event, { openid: session?.sub ?? null, displayName: session?.name }, opts.deps)
  sendJson(res, 200, reply)
}

/** A document's bytes as the raw body (at most 10 MB, checked as it arrives); the target in the query. */
async function upload(opts: LocalServerOptions, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!/^application\/octet-stream\b/i.test(req.headers['content-type'] ?? '')) {
    return sendJson(res, 415, invalid('请以文件内容上传（application/octet-stream）'))
  }
  let bytes: Buffer
  try {
    bytes = await readBody(req, MAX_DOCUMENT_BYTES, '文件不能超过10 MB，请压缩后重试')
  } catch (err) {
    if (err instanceof BodyError) return sendJson(res, err.status, err.reply)
    throw err
  }
  const session = verifySession(opts.sessionSecret, readCookie(req.headers.cookie, SESSION_COOKIE), Date.now() / 1000)
  const reply = await handleUpload(Object.fromEntries(url.searchParams), new Uint8Array(bytes), { openid: session?.sub ?? null, displayName: session?.name }, opts.deps)
  sendJson(res, 200, reply)
}

async function demoSignIn(opts: LocalServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let form: URLSearchParams
  try {
    form = new URLSearchParams((await readBody(req)).toString('utf8'))
  } catch {
    return sendHtml(res, demoLoginPage('/'), 400)
  }
  const account = DEMO_ACCOUNTS.find((a) => a.key === form.get('account'))
  if (!account) return sendHtml(res, demoLoginPage(safeNext(form.get('next'))), 400)
  const { sub, name } = demoIdentity(account)
  const maxAge = Math.round(opts.sessionHours * 3600)
  const token = signSession(opts.sessionSecret, { sub, name, exp: Math.floor(Date.now() / 1000) + maxAge })
  res.writeHead(303, {
    location: safeNext(form.get('next')),
    'set-cookie': `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`,
    ...CLEAR_STORAGE,
  })
  res.end()
}

function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES, tooLargeMessage = '请求内容过大（不能超过 1 MB）'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    const tooLarge = new BodyError(413, invalid(tooLargeMessage))
    if (declared > limit) {
      req.resume()
      return reject(tooLarge)
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.resume()
        reject(tooLarge)
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(text)
}

function sendHtml(res: ServerResponse, html: string, status = 200): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY' })
  res.end(html)
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { DEFAULT_MESSAGES, type ApiReply } from '../../src/domain'
import { MAX_IMPORT_BYTES } from '../../src/domain/api/stations'
import { MAX_DOCUMENT_BYTES } from '../../src/domain/documents'
import { handle, type Identity } from '../functions'
import { handleUpload } from '../functions/upload'
import { FILE_LINK_PREFIX } from '../adapters/files/file-links'
import type { Deps } from '../ports'
import { IMPORT_TOO_LARGE } from '../usecases/stations/import-file'
import { demoLoginPage, safeNext } from './demo'
import { serveFileLink, spentLinks, type SpentLinks, type VerifyFileLink } from './file-link-route'
import { exportServed } from '../usecases/shared/export-receipts'
import { setSecurityHeaders } from './headers'
import { capConnections, timeoutOptions, windowLimiter, type LocalLimits } from './limits'
import { checkOrigin, REFUSAL_MESSAGES } from './origin'
import { BodyError, invalid, readBody, sendHtml, sendJson, sendText } from './replies'
import { liveSession, sessionClearCookie, sessionCookie } from './session'
import type { SessionStore } from './session-store'
import { demoSignIn, demoSignOut, type SignInContext } from './sign-in'
import { serveStatic } from './static-files'

export interface LocalServerOptions {
  deps: Deps
  webRoot: string
  sessions: SessionStore
  sessionHours: number
  /** The configured listening host: a request's `Host` must name it or a loopback name, with the port. */
  host: string
  limits: LocalLimits
  /** Checks the temporary document links the file store hands out (`/files/<token>`). */
  verifyFileLink: VerifyFileLink
}

interface Context extends SignInContext {
  webRoot: string
  host: string
  verifyFileLink: VerifyFileLink
  spentLinks: SpentLinks
}

const UNAUTHENTICATED: ApiReply<never> = { ok: false, error: { code: 'UNAUTHENTICATED', message: DEFAULT_MESSAGES.UNAUTHENTICATED } }

/** The local runtime: the H5 app, `POST /api/<fn>` with the event contract, and the demo sign-in. */
export function createLocalServer(opts: LocalServerOptions): Server {
  const ctx: Context = { ...opts, signIns: windowLimiter(opts.limits.signInsPerMinute, 60_000), spentLinks: spentLinks() }
  const server = createServer(timeoutOptions(opts.limits), (req, res) => {
    route(ctx, req, res).catch((err: unknown) => {
      console.error(`[http] ${err instanceof Error ? err.message : 'error'}`)
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } })
      else res.destroy()
    })
  })
  capConnections(server, opts.limits)
  return server
}

async function route(ctx: Context, req: IncomingMessage, res: ServerResponse): Promise<void> {
  setSecurityHeaders(res)
  if (!URL.canParse(req.url ?? '/', 'http://local')) return sendText(res, 400, '请求地址不正确')
  const url = new URL(req.url ?? '/', 'http://local')
  const refusal = checkOrigin(req, ctx.host)
  if (refusal) {
    const message = REFUSAL_MESSAGES[refusal]
    return url.pathname.startsWith('/api/') ? sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', message } }) : sendText(res, 403, message)
  }
  if (url.pathname === '/api/upload') {
    if (req.method !== 'POST') return sendJson(res, 405, invalid('请使用 POST 上传文件'))
    return upload(ctx, url, req, res)
  }
  const api = /^\/api\/([a-z][\w-]{0,40})$/.exec(url.pathname)
  if (api) {
    if (req.method !== 'POST') return sendJson(res, 405, invalid('请使用 POST 调用接口'))
    return callFunction(ctx, api[1], req, res)
  }
  if (url.pathname.startsWith(FILE_LINK_PREFIX) && req.method === 'GET') {
    return serveFileLink(ctx.deps.files, ctx.verifyFileLink, url.pathname.slice(FILE_LINK_PREFIX.length), res, ctx.spentLinks, (key) => exportServed(ctx.deps, key))
  }
  if (url.pathname === '/demo-login') {
    if (req.method === 'POST') return demoSignIn(ctx, req, res)
    return sendHtml(res, demoLoginPage(safeNext(url.searchParams.get('next'))))
  }
  if (url.pathname === '/demo-logout' && req.method === 'POST') return demoSignOut(ctx, req, res)
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, invalid('不支持的请求方式'))
  return serveStatic(ctx.webRoot, url.pathname, req, res)
}

/**
 * Who is calling, from the session cookie: no cookie is an anonymous call (the function decides);
 * null when a cookie is there but names no live session (malformed, signed out, expired, or
 * ended by a change of the person's roles).
 */
async function identify(ctx: Context, req: IncomingMessage): Promise<Identity | null> {
  const cookie = sessionCookie(req.headers.cookie)
  if (cookie.kind === 'none') return { openid: null }
  if (cookie.kind === 'malformed') return null
  const session = await liveSession(ctx.sessions, ctx.deps.store.repos.staff, cookie.id, Date.now())
  return session && { openid: session.sub, displayName: session.name, staff: session.record }
}

/** 401 for UNAUTHENTICATED (the cookie, if any, is cleared); every other reply of the contract is 200. */
function sendReply(res: ServerResponse, reply: ApiReply<unknown>): void {
  if (!reply.ok && reply.error.code === 'UNAUTHENTICATED') return sendJson(res, 401, reply, { 'set-cookie': sessionClearCookie })
  sendJson(res, 200, reply)
}

async function callFunction(ctx: Context, fn: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return sendJson(res, 415, invalid('请求内容应为 JSON'))
  }
  const identity = await identify(ctx, req)
  if (!identity) return sendReply(res, UNAUTHENTICATED)
  let event: unknown
  try {
    event = JSON.parse((await readBody(req)).toString('utf8'))
  } catch (err) {
    if (err instanceof BodyError) return sendJson(res, err.status, err.reply)
    return sendJson(res, 400, invalid('请求内容不是有效的 JSON'))
  }
  sendReply(res, await handle(fn, event, identity, ctx.deps))
}

/** What an upload may weigh, checked as it arrives: an import file is far smaller than a document. */
const uploadLimit = (url: URL) =>
  url.searchParams.get('purpose') === 'import'
    ? { bytes: MAX_IMPORT_BYTES, message: IMPORT_TOO_LARGE }
    : { bytes: MAX_DOCUMENT_BYTES, message: '文件不能超过10 MB，请压缩后重试' }

/** A file's bytes as the raw body (a document, a visit photo or an import file); the target in the query. */
async function upload(ctx: Context, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!/^application\/octet-stream\b/i.test(req.headers['content-type'] ?? '')) {
    return sendJson(res, 415, invalid('请以文件内容上传（application/octet-stream）'))
  }
  const identity = await identify(ctx, req)
  if (!identity) return sendReply(res, UNAUTHENTICATED)
  let bytes: Buffer
  try {
    const limit = uploadLimit(url)
    bytes = await readBody(req, limit.bytes, limit.message)
  } catch (err) {
    if (err instanceof BodyError) return sendJson(res, err.status, err.reply)
    throw err
  }
  sendReply(res, await handleUpload(Object.fromEntries(url.searchParams), new Uint8Array(bytes), identity, ctx.deps))
}

import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Deps } from '../ports'
import { DEMO_ACCOUNTS, demoIdentity, demoLoginPage, safeNext } from './demo'
import type { Attempt } from './limits'
import { readBody, sendHtml } from './replies'
import { sessionClearCookie, sessionCookie, sessionSetCookie, stampOf } from './session'
import type { SessionStore } from './session-store'

/** What the demo sign-in and sign-out need of the server. */
export interface SignInContext {
  deps: Deps
  sessions: SessionStore
  sessionHours: number
  /** Counts a sign-in attempt of a client address. */
  signIns: { attempt(key: string, now: number): Attempt }
}

/**
 * Sent with every demo sign-in and sign-out: the app keeps drafts in the browser's storage, and
 * in one browser the next demo user must not find the previous one's (WeChat keeps storage per user).
 */
const CLEAR_STORAGE = { 'clear-site-data': '"storage"' }

/** The form's bodies are a few dozen bytes. */
const MAX_FORM_BYTES = 4096

/**
 * `POST /demo-login`: a new server-side session for the chosen demo account, replacing the
 * browser's previous one, then back to a local path. Limited per client address.
 */
export async function demoSignIn(ctx: SignInContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const attempt = ctx.signIns.attempt(req.socket.remoteAddress ?? '', Date.now())
  let form: URLSearchParams
  try {
    form = new URLSearchParams((await readBody(req, MAX_FORM_BYTES)).toString('utf8'))
  } catch {
    return sendHtml(res, demoLoginPage('/'), 400)
  }
  const next = safeNext(form.get('next'))
  if (!attempt.ok) {
    const message = `登录太频繁，请 ${attempt.retryAfterSeconds} 秒后再试`
    return sendHtml(res, demoLoginPage(next, { code: 'RATE_LIMITED', message }), 429, { 'retry-after': String(attempt.retryAfterSeconds) })
  }
  const account = DEMO_ACCOUNTS.find((a) => a.key === form.get('account'))
  if (!account) return sendHtml(res, demoLoginPage(next), 400)
  const previous = sessionCookie(req.headers.cookie)
  if (previous.kind === 'id') ctx.sessions.end(previous.id)
  const { sub, name } = demoIdentity(account)
  const staff = stampOf(await ctx.deps.store.repos.staff.getByOpenid(sub))
  const maxAge = Math.round(ctx.sessionHours * 3600)
  const now = Date.now()
  const id = ctx.sessions.create({ sub, name, expiresAt: now + maxAge * 1000, staff }, now)
  res.writeHead(303, { location: next, 'set-cookie': sessionSetCookie(id, maxAge), 'cache-control': 'no-store', ...CLEAR_STORAGE })
  res.end()
}

/** `POST /demo-logout`: ends the session on the server (its cookie is worthless from now on) and clears the cookie. */
export function demoSignOut(ctx: SignInContext, req: IncomingMessage, res: ServerResponse): void {
  const cookie = sessionCookie(req.headers.cookie)
  if (cookie.kind === 'id') ctx.sessions.end(cookie.id)
  res.writeHead(303, { location: '/demo-login', 'set-cookie': sessionClearCookie, 'cache-control': 'no-store', ...CLEAR_STORAGE })
  res.end()
}

import { createHmac, timingSafeEqual } from 'node:crypto'

/** A signed, expiring local session: who is signed in, until when. */
export interface Session {
  sub: string
  name: string
  /** Expiry, seconds since the epoch. */
  exp: number
}

export const SESSION_COOKIE = 'lantian_session'

export function signSession(secret: Buffer, s: Session): string {
  const body = Buffer.from(JSON.stringify(s)).toString('base64url')
  return `${body}.${mac(secret, body)}`
}

/** The session in a cookie value, or null when it is forged, malformed or expired. */
export function verifySession(secret: Buffer, token: string | undefined, nowSeconds: number): Session | null {
  if (!token) return null
  const [body, sig] = token.split('.')
  if (!body || !sig) return null
  const expected = Buffer.from(mac(secret, body))
  const given = Buffer.from(sig)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
  try {
    const s = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Session
    if (typeof s.sub !== 'string' || typeof s.exp !== 'number' || s.exp <= nowSeconds) return null
    return s
  } catch {
    return null
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim())
  }
  return undefined
}

const mac = (secret: Buffer, body: string) => createHmac('sha256', secret).update(body).digest('base64url')

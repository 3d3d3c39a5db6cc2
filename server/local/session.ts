import type { StaffRepository, StaffRecord } from '../ports'
import { SESSION_ID, type SessionRecord, type SessionStore, type StaffStamp } from './session-store'

export const SESSION_COOKIE = 'lantian_session'

/** The session cookie of a request: absent, malformed (not exactly one well-formed id), or an id. */
export type CookieSession = { kind: 'none' } | { kind: 'malformed' } | { kind: 'id'; id: string }

/** Reads the session cookie without decoding it (an id is base64url), so no header can make it throw. */
export function sessionCookie(header: string | undefined): CookieSession {
  const values = (header ?? '').split(';').flatMap((part) => {
    const i = part.indexOf('=')
    return i > 0 && part.slice(0, i).trim() === SESSION_COOKIE ? [part.slice(i + 1).trim()] : []
  })
  if (values.length === 0) return { kind: 'none' }
  if (values.length > 1 || !SESSION_ID.test(values[0])) return { kind: 'malformed' }
  return { kind: 'id', id: values[0] }
}

/** `Set-Cookie` for a new session, HttpOnly and SameSite=Strict (no other site's page sends it). */
export const sessionSetCookie = (id: string, maxAgeSeconds: number) => `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`

/** `Set-Cookie` that removes the session cookie. */
export const sessionClearCookie = `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`

/** What a staff record grants, comparable across reads; null for someone who is not staff. */
export function stampOf(staff: StaffRecord | null): StaffStamp | null {
  if (!staff) return null
  return { version: staff.version ?? 0, active: staff.active, unitId: staff.unitId, roles: [...staff.roles].sort(), boundAt: staff.boundAt ?? null }
}

const same = (a: StaffStamp | null, b: StaffStamp | null) => JSON.stringify(a) === JSON.stringify(b)

/**
 * The person bound themselves by an invitation code during the session (only a redemption sets
 * a new `boundAt`, one version up): their own act, so the session goes on with the new roles.
 */
const boundItself = (before: StaffStamp | null, now: StaffStamp | null) =>
  now !== null && now.boundAt !== null && now.boundAt !== before?.boundAt && now.version === (before?.version ?? 0) + 1

/** A live session and the person's staff record as read to check it (null: not staff). */
export interface LiveSession extends SessionRecord {
  record: StaffRecord | null
}

/**
 * The live session of an id, checked against the person's staff record on every call: any
 * change an admin made to it (roles, unit, deactivation) since sign-in ends the session, so the
 * next call answers UNAUTHENTICATED and the person signs in again under what they now hold.
 */
export async function liveSession(sessions: SessionStore, staff: StaffRepository, id: string, now: number): Promise<LiveSession | null> {
  const session = sessions.find(id, now)
  if (!session) return null
  const record = await staff.getByOpenid(session.sub)
  const current = stampOf(record)
  if (same(session.staff, current)) return { ...session, record }
  if (boundItself(session.staff, current)) {
    sessions.restamp(id, current)
    return { ...session, staff: current, record }
  }
  sessions.end(id)
  return null
}

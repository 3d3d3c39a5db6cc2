import { AppError, type Actor } from '../../../src/domain'
import { invitationCodeFromId, normalizeInvitationCode } from '../../../src/domain/invitation-code'
import type { Deps, InvitationKind, InvitationRecord, RateLimitRecord, Repositories } from '../../ports'

/**
 * One-time codes handed over on paper: staff invitations and take-over codes of assisted
 * applications. Both are invitation records whose id is the keyed hash of the code (the store
 * never holds a usable code), redeemed by _id inside a transaction, with wrong codes counted per
 * caller.
 */

/** Failed redemptions a caller may make per window before RATE_LIMITED. */
export const REDEEM_FAILURES_ALLOWED = 5
export const REDEEM_WINDOW_MS = 3600 * 1000

/** The record's id: a keyed hash of the code. */
export const invitationId = (deps: Deps, code: string) => deps.cipher.keyedHash(`invitation:${code}`)
/** The ids the code may have under every data key held: one handed out before a key rotation keeps working until it expires. */
const invitationIds = (deps: Deps, code: string) => deps.cipher.keyedHashes(`invitation:${code}`)
const failuresKey = (openid: string) => `redeem-failures:${openid}`

/** A fresh code and the id its record is stored under. */
export function newCode(deps: Deps): { code: string; id: string } {
  const code = invitationCodeFromId(deps.ids.newId())
  return { code, id: invitationId(deps, code) }
}

const limited = (rec: RateLimitRecord | null, now: Date) =>
  !!rec && rec.count >= REDEEM_FAILURES_ALLOWED && now.getTime() - Date.parse(rec.windowStart) < REDEEM_WINDOW_MS

/** Counts one failure in the caller's window (a fresh window once the last one is over). */
async function countFailure(repos: Repositories, key: string, rec: RateLimitRecord | null, now: Date): Promise<void> {
  const fresh = !rec || now.getTime() - Date.parse(rec.windowStart) >= REDEEM_WINDOW_MS
  await repos.rateLimits.put(fresh ? { key, count: 1, windowStart: now.toISOString() } : { ...rec, count: rec.count + 1 })
}

type Code = 'RATE_LIMITED' | 'VALIDATION' | 'CONFLICT'
/** Why a redemption is refused before the code is spent; `counted` failures count towards the rate limit. */
export interface Refusal {
  code: Code
  message: string
  counted: boolean
}
type Outcome<T> = { ok: true; value: T } | { ok: false; code: Code; message: string; field?: string }

/** How one kind of code is redeemed. */
export interface CodeUse<T> {
  kind: InvitationKind
  /** The words for a wrong, a used and an expired code, and for too many wrong ones. */
  words: { wrong: string; used: string; expired: string; limited: string }
  /** Checks made before the code is spent. */
  check(repos: Repositories, rec: InvitationRecord): Promise<Refusal | null>
  /** What the code does, in the same transaction, once it is marked used. */
  apply(repos: Repositories, rec: InvitationRecord, at: string): Promise<T>
}

/**
 * Redeems a typed code of `use.kind`. The record is claimed by _id inside the transaction (status
 * open -> used, written back guarded by that status), so of two redemptions racing for one code
 * exactly one succeeds: SQLite runs them one at a time, and in CloudBase both write the same
 * document, so the second conflicts, is run again and finds the code used. Failures are counted per
 * caller in a store record (committed, not rolled back with the failure); after five in an hour the
 * answer is RATE_LIMITED whatever the code. A code of the other kind is a wrong code.
 */
export async function redeemCode<T>(deps: Deps, actor: Actor, typed: string, use: CodeUse<T>): Promise<T> {
  const now = deps.clock.now()
  const code = normalizeInvitationCode(typed)
  const ids = code ? invitationIds(deps, code) : []
  const key = failuresKey(actor.openid)
  const result = await deps.store.transaction<Outcome<T>>(async (repos) => {
    const failures = await repos.rateLimits.get(key)
    if (limited(failures, now)) return { ok: false, code: 'RATE_LIMITED', message: use.words.limited }
    const fail = async (c: Code, message: string): Promise<Outcome<T>> => {
      await countFailure(repos, key, failures, now)
      return { ok: false, code: c, message, field: 'code' }
    }
    let rec = null
    for (const id of ids) rec ??= await repos.invitations.get(id)
    if (!rec || rec.status === 'revoked' || (rec.kind ?? 'staff') !== use.kind) return fail('VALIDATION', use.words.wrong)
    if (rec.status === 'used') return fail('CONFLICT', use.words.used)
    if (Date.parse(rec.expiresAt) <= now.getTime()) return fail('VALIDATION', use.words.expired)
    const refusal = await use.check(repos, rec)
    if (refusal) return refusal.counted ? fail(refusal.code, refusal.message) : { ok: false, code: refusal.code, message: refusal.message }
    const at = now.toISOString()
    if (!(await repos.invitations.update({ ...rec, status: 'used', usedBy: actor.openid, usedAt: at }, 'open'))) return fail('CONFLICT', use.words.used)
    return { ok: true, value: await use.apply(repos, rec, at) }
  })
  if (!result.ok) throw new AppError(result.code, result.message, result.field)
  return result.value
}

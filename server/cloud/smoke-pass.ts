/**
 * The smoke test's identities (`npm run smoke:cloud`). A call from the mini-program always carries
 * the caller's OPENID and is never looked at here. A call without one (the operator's script,
 * through the CloudBase API with the environment's CAM key) may carry `smoke: { run, token, as }`:
 * it acts as that role's test identity when the run is open in `smoke_runs` (a collection no client
 * can read or write: only a holder of the CAM key could have opened it), not expired, and the token
 * hashes to the one recorded. Test identities are staff only of the run's own test unit.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { SMOKE_RUNS } from '../adapters/cloudbase/collections'
import type { Database, StoredDoc } from '../adapters/cloudbase/types'

/** The roles a smoke run plays. */
export const SMOKE_ROLES = ['worker', 'caseworker', 'admin'] as const
export type SmokeRole = (typeof SMOKE_ROLES)[number]

/** What the script puts in an event. */
export interface SmokePass {
  run: string
  token: string
  as: SmokeRole
}

/** The token's hash as the run records it (the token itself is never stored). */
export const smokeTokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

const isPass = (p: unknown): p is SmokePass => {
  const o = p as Partial<SmokePass> | null
  return !!o && typeof o.run === 'string' && /^smoke-[\w-]{8,64}$/.test(o.run) && typeof o.token === 'string' && o.token.length >= 32 && o.token.length <= 128 && SMOKE_ROLES.includes(o.as as SmokeRole)
}

/** True when an event carries something shaped like a smoke pass. */
export const hasSmokePass = (event: unknown): boolean => !!event && typeof event === 'object' && 'smoke' in event

/** The test identity the pass names, or null when the pass is malformed, unknown, closed, expired or its token is wrong. */
export async function smokeIdentity(db: Database, event: unknown, now: Date): Promise<string | null> {
  const pass = (event as { smoke?: unknown }).smoke
  if (!isPass(pass)) return null
  const { data } = await db.collection(SMOKE_RUNS).doc(pass.run).get()
  const run = (Array.isArray(data) ? data[0] : data) as StoredDoc | undefined
  if (!run || run.status !== 'open' || !(Date.parse(String(run.expiresAt)) > now.getTime())) return null
  const want = Buffer.from(String(run.tokenHash), 'hex')
  const got = Buffer.from(smokeTokenHash(pass.token), 'hex')
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null
  const openid = (run.identities as Record<string, unknown> | undefined)?.[pass.as]
  return typeof openid === 'string' && openid.startsWith(`${pass.run}-`) ? openid : null
}

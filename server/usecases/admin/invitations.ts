import { AppError, type Actor, type StaffRole } from '../../../src/domain'
import type { CreatedInvitation, InvitationView } from '../../../src/domain/api/admin'
import type { RedeemedInvitation } from '../../../src/domain/api/account'
import type { Page } from '../../../src/domain/api/applicant'
import { formatInvitationCode, invitationCodeFromId, normalizeInvitationCode } from '../../../src/domain/invitation-code'
import type { Deps, InvitationRecord, RateLimitRecord, Repositories } from '../../ports'
import { appendAudit } from '../shared/audit'
import { adminUnit, requireAdmin, unitInJurisdiction } from '../shared/jurisdiction'
import { jurisdictionUnits } from './staff'
import { versionOf } from './units'

/** How long a code works. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000
/** Failed redemptions a caller may make per window before RATE_LIMITED. */
export const REDEEM_FAILURES_ALLOWED = 5
export const REDEEM_WINDOW_MS = 3600 * 1000

/** The invitation's id: a keyed hash of the code, so the store never holds a usable code. */
export const invitationId = (deps: Deps, code: string) => deps.cipher.keyedHash(`invitation:${code}`)
/** The ids the code may have under every data key held: one handed out before a key rotation keeps working until it expires. */
const invitationIds = (deps: Deps, code: string) => deps.cipher.keyedHashes(`invitation:${code}`)
const failuresKey = (openid: string) => `redeem-failures:${openid}`

function toView(rec: InvitationRecord, unitName: string, now: Date): InvitationView {
  const expired = rec.status === 'open' && Date.parse(rec.expiresAt) <= now.getTime()
  return {
    invitationId: rec.id,
    unitId: rec.unitId,
    unitName,
    roles: rec.roles,
    displayName: rec.displayName,
    createdAt: rec.createdAt,
    expiresAt: rec.expiresAt,
    status: expired ? 'expired' : rec.status,
    usedAt: rec.usedAt,
  }
}

/** What an invitation is for. */
export interface InvitationInput {
  unitId: string
  roles: StaffRole[]
  displayName: string
}

/**
 * A fresh code and its open record, valid for INVITATION_TTL_MS from `now`. The record holds only
 * the code's keyed hash; the caller inserts it and shows the code once.
 */
export function draftInvitation(deps: Deps, input: InvitationInput, createdBy: string, now: Date): { code: string; rec: InvitationRecord } {
  const code = invitationCodeFromId(deps.ids.newId())
  const rec: InvitationRecord = {
    id: invitationId(deps, code),
    unitId: input.unitId,
    roles: input.roles,
    displayName: input.displayName,
    createdBy,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS).toISOString(),
    status: 'open',
    usedBy: null,
    usedAt: null,
  }
  return { code, rec }
}

/** The reply that carries the code, the one time it is shown. */
export const createdInvitation = (rec: InvitationRecord, code: string, unitName: string): CreatedInvitation => ({
  invitationId: rec.id,
  code: formatInvitationCode(code),
  unitId: rec.unitId,
  unitName,
  roles: rec.roles,
  displayName: rec.displayName,
  expiresAt: rec.expiresAt,
})

/**
 * An admin invites one person to a unit of their jurisdiction with roles. The code is in this
 * reply only; the store keeps its keyed hash. Not idempotent by requestId on purpose: a stored
 * reply would keep the code. A retried call makes a second code; the unused one expires.
 */
export async function createInvitation(deps: Deps, actor: Actor, input: InvitationInput): Promise<CreatedInvitation> {
  const unit = await adminUnit(deps.store.repos, actor, input.unitId)
  const now = deps.clock.now()
  const { code, rec } = draftInvitation(deps, { ...input, unitId: unit.id }, actor.openid, now)
  await deps.store.transaction(async (repos) => {
    await repos.invitations.insert(rec)
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action: 'invitation.create',
      subject: rec.id,
      detail: { unitId: unit.id, roles: rec.roles, expiresAt: rec.expiresAt },
    })
  })
  return createdInvitation(rec, code, unit.name)
}

/** Invitations for a unit's subtree (default: the whole jurisdiction), newest first. */
export async function listInvitations(deps: Deps, actor: Actor, input: { unitId?: string; page: number; pageSize: number }): Promise<Page<InvitationView>> {
  requireAdmin(actor)
  const units = await jurisdictionUnits(deps, actor, input.unitId)
  const names = new Map(units.map((u) => [u.id, u.name]))
  const { items, total } = await deps.store.repos.invitations.listByUnits([...names.keys()], { offset: (input.page - 1) * input.pageSize, limit: input.pageSize })
  const now = deps.clock.now()
  return { items: items.map((r) => toView(r, names.get(r.unitId) ?? '', now)), total, page: input.page, pageSize: input.pageSize }
}

/** An admin withdraws an open code of their jurisdiction. */
export async function revokeInvitation(deps: Deps, actor: Actor, input: { invitationId: string }): Promise<InvitationView> {
  requireAdmin(actor)
  const now = deps.clock.now()
  return deps.store.transaction(async (repos) => {
    const rec = await repos.invitations.get(input.invitationId)
    const unit = rec && (await unitInJurisdiction(repos, actor, rec.unitId))
    if (!rec || !unit) throw new AppError('NOT_FOUND', '没有找到这个邀请')
    const next: InvitationRecord = { ...rec, status: 'revoked' }
    if (rec.status !== 'open' || !(await repos.invitations.update(next, 'open'))) throw new AppError('CONFLICT', '这个邀请码已被使用或撤销')
    await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'invitation.revoke', subject: rec.id, detail: { unitId: rec.unitId } })
    return toView(next, unit.name, now)
  })
}

type Redemption =
  | { ok: true; unitName: string; roles: StaffRole[] }
  | { ok: false; code: 'RATE_LIMITED' | 'VALIDATION' | 'CONFLICT'; message: string; field?: string }

const limited = (rec: RateLimitRecord | null, now: Date) =>
  !!rec && rec.count >= REDEEM_FAILURES_ALLOWED && now.getTime() - Date.parse(rec.windowStart) < REDEEM_WINDOW_MS

/** Counts one failure in the caller's window (a fresh window once the last one is over). */
async function countFailure(repos: Repositories, key: string, rec: RateLimitRecord | null, now: Date): Promise<void> {
  const fresh = !rec || now.getTime() - Date.parse(rec.windowStart) >= REDEEM_WINDOW_MS
  await repos.rateLimits.put(fresh ? { key, count: 1, windowStart: now.toISOString() } : { ...rec, count: rec.count + 1 })
}

/**
 * A person binds their identity as staff with a code. The invitation is claimed by _id inside the
 * transaction (status open -> used, written back guarded by that status), so of two redemptions
 * racing for one code exactly one binds: SQLite runs them one at a time, and in CloudBase both
 * write the same document, so the second conflicts, is run again and finds the code used.
 * Failures are counted per caller in a store record (committed, not rolled back with the
 * failure), and after five in an hour the answer is RATE_LIMITED whatever the code.
 * An active staff member cannot redeem: moving someone is an admin's change, not a code's.
 */
export async function redeemInvitation(deps: Deps, actor: Actor, input: { code: string }): Promise<RedeemedInvitation> {
  const now = deps.clock.now()
  const code = normalizeInvitationCode(input.code)
  const ids = code ? invitationIds(deps, code) : []
  const key = failuresKey(actor.openid)
  const result = await deps.store.transaction<Redemption>(async (repos) => {
    const failures = await repos.rateLimits.get(key)
    if (limited(failures, now)) return { ok: false, code: 'RATE_LIMITED', message: '邀请码输错次数过多，请一小时后再试' }
    const fail = async (code: 'VALIDATION' | 'CONFLICT', message: string): Promise<Redemption> => {
      await countFailure(repos, key, failures, now)
      return { ok: false, code, message, field: 'code' }
    }
    let rec = null
    for (const id of ids) rec ??= await repos.invitations.get(id)
    if (!rec || rec.status === 'revoked') return fail('VALIDATION', '邀请码不正确，请核对后重新输入')
    if (rec.status === 'used') return fail('CONFLICT', '这个邀请码已经用过了，请联系管理员重新生成')
    if (Date.parse(rec.expiresAt) <= now.getTime()) return fail('VALIDATION', '这个邀请码已过期，请联系管理员重新生成')
    const existing = await repos.staff.getByOpenid(actor.openid)
    if (existing?.active && existing.roles.length > 0) return { ok: false, code: 'CONFLICT', message: '您已是工作人员；如需调整单位或角色，请联系管理员' }
    const unit = await repos.units.get(rec.unitId)
    if (!unit) return fail('VALIDATION', '邀请的单位已不存在，请联系管理员')

    const at = now.toISOString()
    if (!(await repos.invitations.update({ ...rec, status: 'used', usedBy: actor.openid, usedAt: at }, 'open'))) {
      return fail('CONFLICT', '这个邀请码已经用过了，请联系管理员重新生成')
    }
    await repos.staff.put({
      openid: actor.openid,
      displayName: rec.displayName,
      unitId: rec.unitId,
      roles: rec.roles,
      active: true,
      version: (existing ? versionOf(existing) : 0) + 1,
      boundAt: at,
    })
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action: 'staff.bind',
      subject: actor.openid,
      detail: { invitationId: rec.id, unitId: rec.unitId, roles: rec.roles, invitedBy: rec.createdBy },
    })
    return { ok: true, unitName: unit.name, roles: rec.roles }
  })
  if (!result.ok) throw new AppError(result.code, result.message, result.field)
  return { unitName: result.unitName, roles: result.roles }
}

import { AppError, type Actor, type StaffRole } from '../../../src/domain'
import type { CreatedInvitation, InvitationView } from '../../../src/domain/api/admin'
import type { RedeemedInvitation } from '../../../src/domain/api/account'
import type { CursorPage } from '../../../src/domain/api/applicant'
import { formatInvitationCode } from '../../../src/domain/invitation-code'
import type { Deps, InvitationRecord } from '../../ports'
import { newCode, redeemCode } from '../shared/one-time-code'
import { appendAudit } from '../shared/audit'
import { adminUnit, requireAdmin, unitInJurisdiction } from '../shared/jurisdiction'
import { unitNamesOf } from './staff'
import { decodeCursor, encodeCursor, hasStrings } from '../shared/cursor'
import { versionOf } from './units'

/** How long a code works. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000
export { REDEEM_FAILURES_ALLOWED, REDEEM_WINDOW_MS, invitationId } from '../shared/one-time-code'

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
  const { code, id } = newCode(deps)
  const rec: InvitationRecord = {
    id,
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

const isInvitationPosition = (v: unknown): v is { c: string; i: string } => hasStrings(v, ['c', 'i'])

/** Invitations for a unit's subtree (default: the whole jurisdiction, however many units), newest first, a page at a time by cursor. */
export async function listInvitations(deps: Deps, actor: Actor, input: { unitId?: string; cursor?: string; pageSize: number }): Promise<CursorPage<InvitationView>> {
  requireAdmin(actor)
  const repos = deps.store.repos
  const root = await adminUnit(repos, actor, input.unitId ?? actor.unitId)
  const at = decodeCursor(input.cursor, isInvitationPosition)
  const [found, total] = await Promise.all([repos.invitations.listUnder(root.id, at && { createdAt: at.c, id: at.i }, input.pageSize + 1), repos.invitations.countUnder(root.id)])
  const shown = found.slice(0, input.pageSize)
  const names = await unitNamesOf(repos, shown.map((r) => r.unitId))
  const last = shown[shown.length - 1]
  const now = deps.clock.now()
  const next = found.length > input.pageSize ? encodeCursor({ c: last.createdAt, i: last.id }) : null
  return { items: shown.map((r) => toView(r, names.get(r.unitId) ?? '', now)), total, pageSize: input.pageSize, nextCursor: next }
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

/**
 * A person binds their identity as staff with a code (shared/one-time-code.ts: one redemption per
 * code, wrong codes rate-limited). An active staff member cannot redeem: moving someone is an
 * admin's change, not a code's.
 */
export function redeemInvitation(deps: Deps, actor: Actor, input: { code: string }): Promise<RedeemedInvitation> {
  let unitName = ''
  return redeemCode(deps, actor, input.code, {
    kind: 'staff',
    words: { wrong: '邀请码不正确，请核对后重新输入', used: '这个邀请码已经用过了，请联系管理员重新生成', expired: '这个邀请码已过期，请联系管理员重新生成', limited: '邀请码输错次数过多，请一小时后再试' },
    async check(repos, rec) {
      const existing = await repos.staff.getByOpenid(actor.openid)
      if (existing?.active && existing.roles.length > 0) return { code: 'CONFLICT', message: '您已是工作人员；如需调整单位或角色，请联系管理员', counted: false }
      const unit = await repos.units.get(rec.unitId)
      if (!unit) return { code: 'VALIDATION', message: '邀请的单位已不存在，请联系管理员', counted: true }
      unitName = unit.name
      return null
    },
    async apply(repos, rec, at) {
      const existing = await repos.staff.getByOpenid(actor.openid)
      await repos.staff.put({
        openid: actor.openid,
        displayName: rec.displayName,
        unitId: rec.unitId,
        roles: rec.roles,
        active: true,
        version: (existing ? versionOf(existing) : 0) + 1,
        boundAt: at,
      })
      await appendAudit(repos, deps.cipher, new Date(at), {
        actor: actor.openid,
        action: 'staff.bind',
        subject: actor.openid,
        detail: { invitationId: rec.id, unitId: rec.unitId, roles: rec.roles, invitedBy: rec.createdBy },
      })
      return { unitName, roles: rec.roles }
    },
  })
}

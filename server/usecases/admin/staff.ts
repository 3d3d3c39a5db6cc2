import { AppError, type Actor, type StaffRole } from '../../../src/domain'
import type { StaffView } from '../../../src/domain/api/admin'
import type { CursorPage } from '../../../src/domain/api/applicant'
import type { Deps, Repositories, StaffRecord } from '../../ports'
import { decodeCursor, encodeCursor, hasStrings } from '../shared/cursor'
import { appendAudit } from '../shared/audit'
import { adminUnit, requireAdmin, unitInJurisdiction } from '../shared/jurisdiction'
import { versionOf } from './units'

const STALE = '工作人员信息已被他人修改，请刷新后重试'

const toView = (s: StaffRecord, unitName: string): StaffView => ({
  openid: s.openid,
  displayName: s.displayName,
  unitId: s.unitId,
  unitName,
  roles: s.roles,
  active: s.active,
  version: versionOf(s),
  boundAt: s.boundAt ?? null,
})

/** The names of a page's units (a few reads by id, however large the jurisdiction). A query. */
export async function unitNamesOf(repos: Repositories, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map()
  return new Map((await repos.units.getMany([...new Set(unitIds)])).map((u) => [u.id, u.name]))
}

const isStaffPosition = (v: unknown): v is { o: string } => hasStrings(v, ['o'])

/** Staff of a unit's subtree (default: the admin's whole jurisdiction, however many units), by openid, a page at a time by cursor. */
export async function listStaff(deps: Deps, actor: Actor, input: { unitId?: string; cursor?: string; pageSize: number }): Promise<CursorPage<StaffView>> {
  requireAdmin(actor)
  const repos = deps.store.repos
  const root = await adminUnit(repos, actor, input.unitId ?? actor.unitId)
  const at = decodeCursor(input.cursor, isStaffPosition)
  const [found, total] = await Promise.all([repos.staff.listUnder(root.id, at?.o ?? null, input.pageSize + 1), repos.staff.countUnder(root.id)])
  const shown = found.slice(0, input.pageSize)
  const names = await unitNamesOf(repos, shown.map((s) => s.unitId))
  const next = found.length > input.pageSize ? encodeCursor({ o: shown[shown.length - 1].openid }) : null
  return { items: shown.map((s) => toView(s, names.get(s.unitId) ?? '')), total, pageSize: input.pageSize, nextCursor: next }
}

/**
 * Changes a staff record of the admin's jurisdiction inside one transaction, at the version the
 * admin saw. Staff outside the jurisdiction are NOT_FOUND; an admin cannot change their own
 * record (no locking oneself out, no granting oneself more). resolveActor reads the record on
 * every call, so the change applies from the person's next call on.
 */
async function changeStaff(
  deps: Deps,
  actor: Actor,
  input: { openid: string; version: number },
  action: string,
  change: (s: StaffRecord) => StaffRecord,
): Promise<StaffView> {
  requireAdmin(actor)
  if (input.openid === actor.openid) throw new AppError('FORBIDDEN', '不能修改自己的角色或状态，请联系上级管理员')
  const now = deps.clock.now()
  return deps.store.transaction(async (repos: Repositories) => {
    const staff = await repos.staff.getByOpenid(input.openid)
    const unit = staff && (await unitInJurisdiction(repos, actor, staff.unitId))
    if (!staff || !unit) throw new AppError('NOT_FOUND', '没有找到这位工作人员')
    if (versionOf(staff) !== input.version) throw new AppError('CONFLICT', STALE)
    const next = { ...change(staff), version: versionOf(staff) + 1 }
    await repos.staff.put(next)
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action,
      subject: staff.openid,
      detail: { unitId: staff.unitId, from: { roles: staff.roles, active: staff.active }, to: { roles: next.roles, active: next.active } },
    })
    return toView(next, unit.name)
  })
}

export function setStaffRoles(deps: Deps, actor: Actor, input: { openid: string; version: number; roles: StaffRole[] }): Promise<StaffView> {
  return changeStaff(deps, actor, input, 'staff.roles', (s) => ({ ...s, roles: input.roles }))
}

/** The person keeps their history but acts as a worker only from their next call on; a new invitation binds them again. */
export function deactivateStaff(deps: Deps, actor: Actor, input: { openid: string; version: number }): Promise<StaffView> {
  return changeStaff(deps, actor, input, 'staff.deactivate', (s) => ({ ...s, active: false }))
}

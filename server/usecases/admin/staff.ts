import { AppError, type Actor, type StaffRole } from '../../../src/domain'
import type { StaffView } from '../../../src/domain/api/admin'
import type { Page } from '../../../src/domain/api/applicant'
import type { Deps, OrgUnitRecord, Repositories, StaffRecord } from '../../ports'
import { appendAudit } from '../shared/audit'
import { adminUnit, requireAdmin, unitInJurisdiction } from '../shared/jurisdiction'
import { versionOf } from './units'

/** The most units a list by unit takes at once (one `in` list in CloudBase). */
export const MAX_LISTED_UNITS = 1000

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

/** The units of a subtree of the admin's jurisdiction (default: all of it), for lists by unit. A query. */
export async function jurisdictionUnits(deps: Deps, actor: Actor & { unitId: string }, unitId?: string): Promise<OrgUnitRecord[]> {
  const root = await adminUnit(deps.store.repos, actor, unitId ?? actor.unitId)
  const units = await deps.store.repos.units.subtree(root.id)
  if (units.length > MAX_LISTED_UNITS) throw new AppError('VALIDATION', '单位太多，请先选择一个下级单位', 'unitId')
  return units
}

/** Staff of a unit's subtree (default: the admin's whole jurisdiction), by openid. */
export async function listStaff(deps: Deps, actor: Actor, input: { unitId?: string; page: number; pageSize: number }): Promise<Page<StaffView>> {
  requireAdmin(actor)
  const units = await jurisdictionUnits(deps, actor, input.unitId)
  const names = new Map(units.map((u) => [u.id, u.name]))
  const { items, total } = await deps.store.repos.staff.listByUnits([...names.keys()], { offset: (input.page - 1) * input.pageSize, limit: input.pageSize })
  return { items: items.map((s) => toView(s, names.get(s.unitId) ?? '')), total, page: input.page, pageSize: input.pageSize }
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

import { AppError, hasRole, type Actor } from '../../../src/domain'
import type { OrgUnitRecord, Repositories } from '../../ports'

/**
 * Whether `unitId` lies in the actor's jurisdiction: the subtree of their own unit (the unit's
 * path holds the actor's unit). Reads one unit by id, so it works inside transactions too.
 * Workers and staff without a unit have none; a unit that does not exist is in nobody's.
 */
export async function inJurisdiction(repos: Repositories, actor: Actor, unitId: string): Promise<boolean> {
  return (await unitInJurisdiction(repos, actor, unitId)) !== null
}

/** The unit when it lies in the actor's jurisdiction, else null. */
export async function unitInJurisdiction(repos: Repositories, actor: Actor, unitId: string): Promise<OrgUnitRecord | null> {
  if (!actor.unitId || !actor.roles.some((r) => r !== 'worker')) return null
  const unit = await repos.units.get(unitId)
  return unit && unit.path.includes(actor.unitId) ? unit : null
}

/** Admin actions are for admins; the action table says so too, this keeps the use cases safe on their own. */
export function requireAdmin(actor: Actor): asserts actor is Actor & { unitId: string } {
  if (!hasRole(actor, 'admin') || !actor.unitId) throw new AppError('FORBIDDEN', '只有管理员可以进行此操作')
}

/**
 * The unit, for an admin acting on it. Outside the jurisdiction it is NOT_FOUND, as if it did not
 * exist: an admin learns nothing about units that are not theirs.
 */
export async function adminUnit(repos: Repositories, actor: Actor, unitId: string, field = 'unitId'): Promise<OrgUnitRecord> {
  requireAdmin(actor)
  const unit = await unitInJurisdiction(repos, actor, unitId)
  if (!unit) throw new AppError('NOT_FOUND', '没有找到这个单位', field)
  return unit
}

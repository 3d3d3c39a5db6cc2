import type { Actor, Role } from '../../../src/domain'
import type { Repositories } from '../../ports'

/** Roles come from the staff record of the runtime's identity; everyone else is a worker. */
export async function resolveActor(repos: Repositories, openid: string): Promise<Actor> {
  const staff = await repos.staff.getByOpenid(openid)
  if (!staff || !staff.active) return { openid, roles: ['worker'] }
  const roles: Role[] = ['worker', ...staff.roles]
  return { openid, roles, unitId: staff.unitId }
}

/** Whom the audit log names for an action: the caseworker typing a 代为申请, else the caller. */
export const auditedActor = (actor: Actor): string => actor.typist ?? actor.openid

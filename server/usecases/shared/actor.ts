import type { Actor, Role } from '../../../src/domain'
import type { Repositories, StaffRecord } from '../../ports'

/** Roles come from the staff record of the runtime's identity; everyone else is a worker. */
export async function resolveActor(repos: Repositories, openid: string): Promise<Actor> {
  return actorOf(openid, await repos.staff.getByOpenid(openid))
}

/** The actor an identity is, given its staff record as just read (null: not staff). */
export function actorOf(openid: string, staff: StaffRecord | null): Actor {
  if (!staff || !staff.active) return { openid, roles: ['worker'] }
  const roles: Role[] = ['worker', ...staff.roles]
  return { openid, roles, unitId: staff.unitId }
}

/** Whom the audit log names for an action: the caseworker typing a 代为申请, else the caller. */
export const auditedActor = (actor: Actor): string => actor.typist ?? actor.openid

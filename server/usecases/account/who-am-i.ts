import type { Actor } from '../../../src/domain'
import type { Me } from '../../../src/domain/api/account'
import type { Deps } from '../../ports'

/** The caller's roles and unit, and the demo name the local runtime knows them by. */
export async function whoAmI(deps: Deps, actor: Actor, displayName?: string): Promise<Me> {
  const unit = actor.unitId ? await deps.store.repos.units.get(actor.unitId) : null
  const staff = actor.roles.length > 1 ? await deps.store.repos.staff.getByOpenid(actor.openid) : null
  const name = displayName ?? staff?.displayName
  return { roles: actor.roles, ...(unit ? { unitName: unit.name } : {}), ...(name ? { displayName: name } : {}) }
}

import type { Actor } from '../../../src/domain'
import type { Me } from '../../../src/domain/api/account'
import type { CallContext, Deps } from '../../ports'

/** The caller's roles and unit, and the demo name the local runtime knows them by. */
export async function whoAmI(deps: Deps, actor: Actor, _input: unknown, ctx: CallContext): Promise<Me> {
  const unit = actor.unitId ? await deps.store.repos.units.get(actor.unitId) : null
  const staff = actor.roles.length > 1 ? await deps.store.repos.staff.getByOpenid(actor.openid) : null
  const name = ctx.displayName ?? staff?.displayName
  return { roles: actor.roles, ...(unit ? { unitName: unit.name } : {}), ...(name ? { displayName: name } : {}) }
}

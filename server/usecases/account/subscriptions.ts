import type { Actor } from '../../../src/domain'
import type { SubscribeTemplates } from '../../../src/domain/api/account'
import type { Deps } from '../../ports'
import { acceptSubscriptions, subscribeTemplates } from '../shared/subscriptions'

/** The templates the caller may subscribe to now, with the acceptances held (the page asks before the tap, the tap asks WeChat). */
export function mySubscribeTemplates(deps: Deps, actor: Actor, input: { unitId?: string }): Promise<SubscribeTemplates> {
  return subscribeTemplates(deps.store.repos, actor, input.unitId)
}

/** Records what the caller accepted in WeChat's dialog. */
export function acceptMySubscriptions(deps: Deps, actor: Actor, input: { unitId?: string; accepted: string[] }): Promise<SubscribeTemplates> {
  return acceptSubscriptions(deps.store.repos, actor, input, deps.clock.now().toISOString())
}

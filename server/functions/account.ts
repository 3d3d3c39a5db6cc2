import { whoAmI } from '../usecases/who-am-i'
import { defineFunction } from './define'

/** Who the caller is. */
export const account = defineFunction('account', {
  me: { roles: ['worker'], run: (deps, actor, _input, ctx) => whoAmI(deps, actor, ctx.displayName) },
})

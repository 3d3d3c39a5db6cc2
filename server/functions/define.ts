import type * as v from 'valibot'
import type { Actor, Role } from '../../src/domain'
import { API, type ActionName, type ActionOutput, type FunctionName } from '../../src/domain/api'
import type { CallContext, Deps } from '../ports'

/** One action: who may call it and the use case it runs. The input schema comes from the shared contract. */
export interface ActionDef<I, O> {
  roles: readonly Role[]
  run: (deps: Deps, actor: Actor, input: I, ctx: CallContext) => Promise<O>
}

export type ActionTable<F extends FunctionName> = {
  [A in ActionName<F>]: ActionDef<v.InferOutput<Extract<(typeof API)[F][A], v.GenericSchema>>, ActionOutput<F, A>>
}

/** A function's typed action table; the compiler checks it covers every action of the contract. */
export function defineFunction<F extends FunctionName>(_name: F, table: ActionTable<F>): ActionTable<F> {
  return table
}

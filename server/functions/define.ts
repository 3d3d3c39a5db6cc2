import type { Actor } from '../../src/domain'
import type { ActionName, ActionOutput, ActionParsedInput, FunctionName } from '../../src/domain/api'
import type { CallContext, Deps } from '../ports'

/** The use case an action runs, given the input its contract entry has checked. */
export type ActionRun<I, O> = (deps: Deps, actor: Actor, input: I, ctx: CallContext) => Promise<O>

/** A function's actions mapped to their use cases; input, output and roles come from the shared contract. */
export type ActionTable<F extends FunctionName> = {
  [A in ActionName<F>]: ActionRun<ActionParsedInput<F, A>, ActionOutput<F, A>>
}

/** A function's typed action table; the compiler checks it covers every action of the contract. */
export function defineFunction<F extends FunctionName>(_name: F, table: ActionTable<F>): ActionTable<F> {
  return table
}

import type { Actor } from '../../src/domain'
import type { CallContext, Deps } from '../ports'
import { checkAssistedUnit, typistActor } from '../usecases/review/assisted'

type Run<I, O> = (deps: Deps, actor: Actor, input: I, ctx: CallContext) => Promise<O>

/**
 * An applicant action that a caseworker may also run on an assisted application they type: with
 * `assisted` set, it runs as the application's placeholder applicant (after `typistActor` checked
 * the caseworker may type it); without, as the caller. The use case never sees `assisted`.
 */
export function orTypist<I extends object, O>(run: Run<I, O>, check?: (deps: Deps, actor: Actor, input: I) => Promise<void>): Run<I & { assisted?: string }, O> {
  return async (deps, actor, input, ctx) => {
    const { assisted, ...other } = input
    const rest = other as I
    if (!assisted) return run(deps, actor, rest, ctx)
    const typist = await typistActor(deps, actor, assisted)
    await check?.(deps, actor, rest)
    return run(deps, typist, rest, ctx)
  }
}

/** A caseworker's assisted submission names a union of their own jurisdiction. */
export const assistedUnitCheck = (deps: Deps, actor: Actor, input: { form: { applicant: { unitId: string } } }) => checkAssistedUnit(deps, actor, input.form.applicant.unitId)

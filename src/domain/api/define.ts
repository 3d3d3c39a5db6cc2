import type * as v from 'valibot'
import type { Role } from '../roles'

/**
 * One action of the contract, in one place (as ts-rest's contract entries): the schema its input
 * must pass, what it answers with, and who may call it. The server's dispatcher checks the roles
 * and the input from here; the client's types come from here.
 */
export interface ActionContract<S extends v.GenericSchema = v.GenericSchema, O = unknown> {
  input: S
  /** What the action answers with: a type only (see `returns`), nothing at run time. */
  output: O
  /** Any one of these may call it; every signed-in person holds `worker`. */
  roles: readonly Role[]
}

/** A function's actions by name. */
export type FunctionContract = Record<string, ActionContract>

/** Names an action's output type in its entry, like ts-rest's `c.type<T>()`: no value at run time. */
export const returns = <T>(): T => undefined as T

/** Anyone signed in: everyone holds `worker`. */
export const ANYONE = ['worker'] as const satisfies readonly Role[]
/** Every staff member. */
export const STAFF = ['caseworker', 'reviewer', 'admin'] as const satisfies readonly Role[]
/** Staff who work on cases and households. */
export const CASE_STAFF = ['caseworker', 'reviewer'] as const satisfies readonly Role[]

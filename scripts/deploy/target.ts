import type { Change, CurrentState, DesiredState } from './model'

/**
 * A CloudBase environment as deploy sees it. Every network call of deploy goes through this
 * interface: `ManagerTarget` talks to Tencent's APIs, tests use a recorded in-memory state, and
 * the dry run uses no target at all.
 */
export interface CloudbaseTarget {
  /** What the environment holds of the desired functions and collections. */
  describe(desired: DesiredState): Promise<CurrentState>
  /** Makes one change, reading names, settings and secret values from `desired`. */
  apply(change: Change, desired: DesiredState): Promise<void>
}

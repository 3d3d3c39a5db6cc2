import type * as v from 'valibot'
import { householdsActions, type HouseholdAction, type HouseholdView } from '@/domain/api/households'
import type { ActionInput } from '@/domain/api'
import { call } from '@/api'
import { useCheckedWrite, type BoundField } from '@/hooks/use-checked-write'

/** What a change to a household sends, by action. */
export type HouseholdWriteInput<A extends HouseholdAction> = ActionInput<'households', A>

/** What a form fills in: everything but the household's id, which the page adds. */
export type ActFields<A extends HouseholdAction> = Omit<HouseholdWriteInput<A>, 'householdId'>

/** Changes one household file and keeps what a form shows: busy, and messages by field. */
export interface Actor {
  busy: boolean
  errors: Record<string, string>
  clear: (field: string) => void
  fail: (field: string, message: string) => void
  reset: () => void
  submit: <A extends HouseholdAction>(action: A, fields: ActFields<A>) => Promise<boolean>
  bind: <V>(field: string, set: (value: V) => void) => BoundField<V>
}

/** What the page does with a change's outcome. */
export interface ActHandlers {
  onDone: (view: HouseholdView, action: HouseholdAction) => void
  /** Someone else changed the file first: show the message and reload. */
  onConflict: (message: string) => void
}

/** Changes to one household file, each checked and sent once (src/hooks/use-checked-write.ts). */
export function useAct(householdId: string, handlers: ActHandlers): Actor {
  const write = useCheckedWrite<HouseholdAction, ActFields<HouseholdAction>, HouseholdWriteInput<HouseholdAction>, HouseholdView>({
    schemaOf: (action) => householdsActions[action].input as v.GenericSchema,
    inputOf: (_action, fields) => ({ ...fields, householdId }) as HouseholdWriteInput<HouseholdAction>,
    send: (action, input, requestId) => call('households', action, input, { requestId }),
    onDone: handlers.onDone,
    onConflict: handlers.onConflict,
  })
  return write as Actor
}

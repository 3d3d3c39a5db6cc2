import type * as v from 'valibot'
import { reviewActions, type CaseAction, type CaseView } from '@/domain/api/review'
import type { ActionInput } from '@/domain/api'
import { call } from '@/api'
import { useCheckedWrite, type BoundField } from '@/hooks/use-checked-write'

/** What a decision sends: the case, the version it was made on and the action's own fields. */
export type DecisionInput<A extends CaseAction> = ActionInput<'review', A>

/** What the staff member fills in for a decision: everything but the case and its version. */
export type DecisionFields<A extends CaseAction> = Omit<DecisionInput<A>, 'id' | 'expectedVersion'>

/** Takes decisions on one case and keeps what a form shows: busy, and messages by field. */
export interface Decider {
  busy: boolean
  errors: Record<string, string>
  clear: (field: string) => void
  fail: (field: string, message: string) => void
  submit: <A extends CaseAction>(action: A, fields: DecisionFields<A>) => Promise<boolean>
  bind: <V>(field: string, set: (value: V) => void) => BoundField<V>
}

/** What the page does with a decision's outcome. */
export interface DecisionHandlers {
  /** The decision was taken: the case as it is now. */
  onDecided: (view: CaseView, action: CaseAction) => void
  /** Someone else changed the case first: reload it. */
  onConflict: (message: string) => void
}

/**
 * Decisions on one case, each sent with the version the case was read at, checked and sent once
 * (src/hooks/use-checked-write.ts).
 */
export function useDecision(view: { application: { id: string; version: number } }, handlers: DecisionHandlers): Decider {
  const write = useCheckedWrite<CaseAction, DecisionFields<CaseAction>, DecisionInput<CaseAction>, CaseView>({
    schemaOf: (action) => reviewActions[action].input as v.GenericSchema,
    inputOf: (_action, fields) => ({ ...fields, id: view.application.id, expectedVersion: view.application.version }) as DecisionInput<CaseAction>,
    send: (action, input, requestId) => call('review', action, input, { requestId }),
    onDone: handlers.onDecided,
    onConflict: handlers.onConflict,
  })
  return write as Decider
}

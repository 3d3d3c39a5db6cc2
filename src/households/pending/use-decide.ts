import Taro from '@tarojs/taro'
import type * as v from 'valibot'
import { householdsActions, type PendingEntry } from '@/domain/api/households'
import type { ActionInput } from '@/domain/api'
import { api } from '@/api'
import { useCheckedWrite, type BoundField } from '@/hooks/use-checked-write'

type DecideInput = ActionInput<'households', 'decideLedgerEntry'>

/** A reviewer's decisions on pending entries: busy, the reason's message, and the decision itself. */
export interface Decider {
  busy: boolean
  decide: (entryId: string, decision: 'approved' | 'rejected', note: string) => Promise<boolean>
  bind: <V>(field: string, set: (value: V) => void) => BoundField<V>
}

/** Decisions checked with the shared schema and sent once each; `onDecided` refreshes the list. */
export function useDecide(onDecided: () => void): Decider {
  const write = useCheckedWrite<'decideLedgerEntry', DecideInput, DecideInput, PendingEntry>({
    schemaOf: () => householdsActions.decideLedgerEntry.input as v.GenericSchema,
    inputOf: (_action, fields) => fields,
    send: (_action, input, requestId) => api.households.decideLedgerEntry(input, { requestId }),
    onDone: (done) => {
      void Taro.showToast({ title: done.entry.status === 'approved' ? '已审批通过' : '已驳回', icon: 'success', duration: 2000 })
      onDecided()
    },
    // Someone decided it first: the list shows what is left.
    onConflict: (message) => {
      void Taro.showToast({ title: message, icon: 'none', duration: 3000 })
      onDecided()
    },
  })
  return {
    busy: write.busy,
    decide: (entryId, decision, note) => write.submit('decideLedgerEntry', { entryId, decision, note }),
    bind: write.bind,
  }
}

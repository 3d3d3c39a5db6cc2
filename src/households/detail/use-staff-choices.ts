import { useEffect, useState } from 'react'
import type { StaffChoice } from '@/domain/api/households'
import { api } from '@/api'

/** Staff of the jurisdiction for a picker, loaded once when the form opens. */
export type StaffChoicesState = { kind: 'loading' } | { kind: 'ready'; items: StaffChoice[] } | { kind: 'error'; message: string }

/** Staff who may be paired with `householdId` (no role) or approve its money (`reviewer`). */
export function useStaffChoices(householdId: string, role?: 'caseworker' | 'reviewer'): StaffChoicesState {
  const [state, setState] = useState<StaffChoicesState>({ kind: 'loading' })
  useEffect(() => {
    let live = true
    void api.households.staffChoices({ ...(role ? { role } : {}), ...(householdId ? { householdId } : {}) }).then((reply) => {
      if (live) setState(reply.ok ? { kind: 'ready', items: reply.data.items } : { kind: 'error', message: reply.error.message })
    })
    return () => {
      live = false
    }
  }, [householdId, role])
  return state
}

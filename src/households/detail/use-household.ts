import { useCallback, useRef, useState } from 'react'
import type { HouseholdView } from '@/domain/api/households'
import { api } from '@/api'

/** The household file as the page shows it. */
export type HouseholdState = { kind: 'loading' } | { kind: 'ready'; view: HouseholdView } | { kind: 'error'; message: string }

/**
 * Loads the file on `reload`, and takes the file a change replied with through `replace`.
 * A reload keeps showing the previous file until the new one arrives.
 */
export function useHousehold(id: string): { state: HouseholdState; reload: () => Promise<void>; replace: (view: HouseholdView) => void } {
  const [state, setState] = useState<HouseholdState>({ kind: 'loading' })
  const seq = useRef(0)
  const reload = useCallback(async () => {
    if (!id) return setState({ kind: 'error', message: '没有找到这户家庭' })
    const mine = ++seq.current
    const reply = await api.households.get({ householdId: id })
    if (mine !== seq.current) return
    setState(reply.ok ? { kind: 'ready', view: reply.data } : { kind: 'error', message: reply.error.message })
  }, [id])
  const replace = useCallback((view: HouseholdView) => {
    seq.current++
    setState({ kind: 'ready', view })
  }, [])
  return { state, reload, replace }
}

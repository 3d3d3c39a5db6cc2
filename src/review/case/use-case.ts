import { useCallback, useRef, useState } from 'react'
import type { CaseView } from '@/domain/api/review'
import { api } from '@/api'

/** The case as the page shows it. */
export type CaseState = { kind: 'loading' } | { kind: 'ready'; view: CaseView } | { kind: 'error'; message: string }

/**
 * Loads the case on `reload`, and takes the case a decision replied with through `replace`.
 * A reload keeps showing the previous case until the new one arrives.
 */
export function useCase(id: string): { state: CaseState; reload: () => Promise<void>; replace: (view: CaseView) => void } {
  const [state, setState] = useState<CaseState>({ kind: 'loading' })
  const seq = useRef(0)
  const reload = useCallback(async () => {
    if (!id) return setState({ kind: 'error', message: '没有找到这个案件' })
    const mine = ++seq.current
    const reply = await api.review.getCase({ id })
    if (mine !== seq.current) return
    setState(reply.ok ? { kind: 'ready', view: reply.data } : { kind: 'error', message: reply.error.message })
  }, [id])
  const replace = useCallback((view: CaseView) => {
    seq.current++
    setState({ kind: 'ready', view })
  }, [])
  return { state, reload, replace }
}

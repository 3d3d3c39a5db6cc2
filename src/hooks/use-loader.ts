import { useCallback, useRef, useState } from 'react'
import type { ApiReply } from '@/domain/contract'

/** What a page shows while it loads one thing from the server. */
export type LoadState<T> = { kind: 'loading' } | { kind: 'ready'; data: T } | { kind: 'error'; message: string }

/** A reply for a page opened without what it needs (no id in its link): shown as a load failure. */
export const missing = (message: string): Promise<ApiReply<never>> => Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message } })

/**
 * Loads with `fetch` whenever `reload` is called. A reload keeps showing the previous data
 * until the new reply arrives, so coming back to a page does not flash a spinner; the latest
 * request wins. `replace` takes data a write replied with (the record as it is now).
 */
export function useLoader<T>(fetch: () => Promise<ApiReply<T>>): [LoadState<T>, () => Promise<void>, (data: T) => void] {
  const [state, setState] = useState<LoadState<T>>({ kind: 'loading' })
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch
  const seq = useRef(0)
  const reload = useCallback(async () => {
    const mine = ++seq.current
    const reply = await fetchRef.current()
    if (mine !== seq.current) return
    setState(reply.ok ? { kind: 'ready', data: reply.data } : { kind: 'error', message: reply.error.message })
  }, [])
  const replace = useCallback((data: T) => {
    seq.current++
    setState({ kind: 'ready', data })
  }, [])
  return [state, reload, replace]
}

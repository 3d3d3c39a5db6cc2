import { useCallback, useRef, useState } from 'react'
import type { ApiReply } from '@/domain/contract'

/** What a page shows while it loads one thing from the server. */
export type LoadState<T> = { kind: 'loading' } | { kind: 'ready'; data: T } | { kind: 'error'; message: string }

/**
 * Loads with `fetch` whenever `reload` is called. A reload keeps showing the previous data
 * until the new reply arrives, so coming back to a page does not flash a spinner.
 */
export function useLoader<T>(fetch: () => Promise<ApiReply<T>>): [LoadState<T>, () => Promise<void>] {
  const [state, setState] = useState<LoadState<T>>({ kind: 'loading' })
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch
  const reload = useCallback(async () => {
    const reply = await fetchRef.current()
    setState(reply.ok ? { kind: 'ready', data: reply.data } : { kind: 'error', message: reply.error.message })
  }, [])
  return [state, reload]
}

import { useCallback, useRef, useState } from 'react'
import type { ApiReply } from '@/domain/contract'

/** A list read a page at a time: loading, failed, or the items so far with the last reply; `A` is where a page starts (a number or a cursor). */
export type PagedList<R, T, A = number> =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | {
      kind: 'ready'
      items: T[]
      /** The last page's reply (its total, and whatever else the server sent with it). */
      last: R
      /** Where the next page starts; null when there is none. */
      next: A | null
      loadingMore: boolean
    }

/** How the list is read: where it starts, a page at `at`, its items and where the next starts. */
export interface PageSource<Q, R, T, A = number> {
  /** 1 for page numbers, 0 for an offset, '' for a server's cursor. */
  first: A
  fetch: (query: Q, at: A) => Promise<ApiReply<R>>
  items: (reply: R) => T[]
  next: (reply: R, at: A, itemsSoFar: number) => A | null
}

/** Page numbers with a total (`Page<T>`): more while fewer than the total are shown. */
export const pageNumbers = <T>(): Pick<PageSource<unknown, { items: T[]; total: number }, T>, 'first' | 'items' | 'next'> => ({
  first: 1,
  items: (r) => r.items,
  next: (r, at, shown) => (shown < r.total && r.items.length > 0 ? at + 1 : null),
})

/** A server's cursor pages (`CursorPage<T>`): the first without a cursor, each next where the reply says. */
export const cursorPages = <T>(): Pick<PageSource<unknown, { items: T[]; nextCursor: string | null }, T, string>, 'first' | 'items' | 'next'> => ({
  first: '',
  items: (r) => r.items,
  next: (r) => r.nextCursor,
})

/**
 * A paged list for a query. `load(query)` reads the first page: a new query shows the loading
 * state, the same one (a refresh on coming back) keeps the list until the reply. The latest
 * request wins: a slow reply for a query left behind never overwrites the new one.
 */
export function usePages<Q, R, T, A = number>(source: PageSource<Q, R, T, A>) {
  const [list, setList] = useState<PagedList<R, T, A>>({ kind: 'loading' })
  const src = useRef(source)
  src.current = source
  const seq = useRef(0)
  const query = useRef<{ key: string; value: Q } | null>(null)
  // A tap on 加载更多 and reaching the bottom can fire together, before a render shows the first.
  const fetchingMore = useRef(false)

  const read = useCallback(async (q: Q, at: A, previous: T[]) => {
    const mine = ++seq.current
    const reply = await src.current.fetch(q, at)
    if (mine !== seq.current) return
    fetchingMore.current = false
    if (!reply.ok) return setList({ kind: 'error', message: reply.error.message })
    const items = [...previous, ...src.current.items(reply.data)]
    setList({ kind: 'ready', items, last: reply.data, next: src.current.next(reply.data, at, items.length), loadingMore: false })
  }, [])

  const load = useCallback(
    (q: Q) => {
      const key = JSON.stringify(q)
      if (query.current?.key !== key) setList({ kind: 'loading' })
      query.current = { key, value: q }
      fetchingMore.current = false
      return read(q, src.current.first, [])
    },
    [read],
  )

  const more = () => {
    if (list.kind !== 'ready' || list.next === null || list.loadingMore || fetchingMore.current || !query.current) return
    fetchingMore.current = true
    setList({ ...list, loadingMore: true })
    void read(query.current.value, list.next, list.items)
  }

  /** Reads the current query again from its first page. */
  const reload = () => (query.current ? load(query.current.value) : Promise.resolve())
  return { list, load, more, reload }
}

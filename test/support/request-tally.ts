import type { SeenRequest } from '../cloudbase-standin'

/** What one collection was asked by one action: requests, documents the replies carried, documents counts counted. */
export interface Tally {
  requests: number
  documents: number
  counted: number
}

/** The stand-in's requests tallied by `<action> <collection>` (action without `database.`), most requests first. */
export function tallyRequests(requests: readonly SeenRequest[]): [string, Tally][] {
  const out = new Map<string, Tally>()
  for (const r of requests) {
    const key = `${r.action.replace(/^database\./, '')} ${r.collectionName ?? '-'}`
    const t = out.get(key) ?? { requests: 0, documents: 0, counted: 0 }
    t.requests++
    t.documents += r.documents ?? 0
    t.counted += r.counted ?? 0
    out.set(key, t)
  }
  return [...out].sort((a, b) => b[1].requests - a[1].requests || a[0].localeCompare(b[0]))
}

/** The sum of a tally. */
export const totalOf = (tally: readonly [string, Tally][]): Tally =>
  tally.reduce((t, [, x]) => ({ requests: t.requests + x.requests, documents: t.documents + x.documents, counted: t.counted + x.counted }), { requests: 0, documents: 0, counted: 0 })

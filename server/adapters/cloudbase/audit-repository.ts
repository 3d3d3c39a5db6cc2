import type { AuditAnchor, AuditEvent, AuditHead, AuditRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { AUDIT_ANCHORS, AUDIT_EVENTS, AUDIT_HEADS } from './collections'
import { isDuplicate, outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'

/** `list` walks the events by stream, then seq; `headsSince` reads the events written since a time, in time order. */
export const AUDIT_EVENTS_COLLECTION = defineCollection(AUDIT_EVENTS, [{ keys: [['stream', 1], ['seq', 1]] }, { keys: [['at', 1], ['_id', 1]] }])
/** `headsSince` finds the streams changed since a time, by stream. */
export const AUDIT_HEADS_COLLECTION = defineCollection(AUDIT_HEADS, [{ keys: [['stream', 1], ['at', 1]] }])
/** `anchors` and `lastAnchor` read anchors by number. */
export const AUDIT_ANCHORS_COLLECTION = defineCollection(AUDIT_ANCHORS, [{ keys: [['n', 1]], unique: true }])

const pad = (n: number) => String(n).padStart(12, '0')

/**
 * The head hint of a stream is written with every this-many-th event only: each hint is a database
 * write (CloudBase's quota counts them), and `head` probes at most this many events past it.
 */
export const HEAD_HINT_EVERY = 8
/** Events read per query of `headsSince`. */
const EVENT_PAGE = 1000

/** _id of an event: its stream and zero-padded seq, so a second event with the same seq hits the existing _id. */
export const auditId = (stream: string, seq: number) => `${stream}#${pad(seq)}`

const FIELDS = ['stream', 'seq', 'at', 'actor', 'action', 'subject', 'detail', 'prevHash', 'hash'] as const satisfies readonly (keyof AuditEvent)[]
const pick = <K extends string>(doc: Record<string, unknown>, keys: readonly K[]) => Object.fromEntries(keys.map((f) => [f, doc[f]])) as Record<K, unknown>
const toEvent = (doc: StoredDoc) => pick(doc, FIELDS) as unknown as AuditEvent
const toAnchor = (doc: StoredDoc) => pick(doc, ['n', 'at', 'heads', 'prevHash', 'hash'] as const) as unknown as AuditAnchor

/**
 * The audit log: events in `audit_events`, one chain per stream; each stream's head hinted in
 * `audit_heads` (keyed by stream) every HEAD_HINT_EVERY events; anchors in `audit_anchors`. `head`
 * reads the hint and then probes the following seqs by _id, so it needs no query (it runs inside
 * transactions) and a stale hint does no harm. `headsSince` reads the events themselves by time,
 * so the anchor misses no stream whose hint lags. Two writers touch the same documents only when
 * they write one stream.
 */
export function auditRepository(scope: Scope): AuditRepository {
  const events = () => scope.collection(AUDIT_EVENTS)
  const _ = () => scope.command
  return {
    async head(stream) {
      const hint = await readDoc(scope, AUDIT_HEADS, stream)
      let head = hint ? { seq: Number(hint.seq), hash: String(hint.hash) } : null
      for (;;) {
        const next = await readDoc(scope, AUDIT_EVENTS, auditId(stream, (head?.seq ?? 0) + 1))
        if (!next) return head
        head = { seq: Number(next.seq), hash: String(next.hash) }
      }
    },
    async append(event) {
      const id = auditId(event.stream, event.seq)
      if (scope.inTransaction && (await readDoc(scope, AUDIT_EVENTS, id))) return false
      try {
        await events().add({ _id: id, ...pick(event as unknown as Record<string, unknown>, FIELDS) })
      } catch (err) {
        if (!scope.inTransaction && isDuplicate(err)) return false
        throw err
      }
      if (event.seq % HEAD_HINT_EVERY === 0) await scope.collection(AUDIT_HEADS).doc(event.stream).set({ stream: event.stream, seq: event.seq, hash: event.hash, at: event.at })
      return true
    },
    async list(after, limit) {
      outsideTransaction(scope, 'audit.list')
      const out: StoredDoc[] = []
      if (after) out.push(...(await readRange(events().where({ stream: after.stream, seq: _().gt(after.seq) }).orderBy('seq', 'asc'), 0, limit)))
      if (out.length < limit) {
        const rest = after ? events().where({ stream: _().gt(after.stream) }) : events()
        out.push(...(await readRange(rest.orderBy('stream', 'asc').orderBy('seq', 'asc'), 0, limit - out.length)))
      }
      return out.map(toEvent)
    },
    async headsSince(since) {
      outsideTransaction(scope, 'audit.headsSince')
      // The newest event of each stream written since `since` (the hints lag by up to HEAD_HINT_EVERY
      // events): each event read once, in pages by (at, _id), so the cost follows the events written.
      const newest = new Map<string, AuditHead>()
      let last: { at: string; id: string } | null = null
      for (;;) {
        const from = last ? _().or([{ at: _().gt(last.at) }, { at: last.at, _id: _().gt(last.id) }]) : { at: _().gte(since) }
        const page = await readRange(events().where(from).orderBy('at', 'asc').orderBy('_id', 'asc'), 0, EVENT_PAGE)
        for (const d of page) {
          const e = { stream: String(d.stream), seq: Number(d.seq), hash: String(d.hash), at: String(d.at) }
          if ((newest.get(e.stream)?.seq ?? 0) < e.seq) newest.set(e.stream, e)
        }
        if (page.length < EVENT_PAGE) break
        const end = page[page.length - 1]!
        last = { at: String(end.at), id: String(end._id) }
      }
      return [...newest.values()].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0))
    },
    async addAnchor(a) {
      try {
        await scope.collection(AUDIT_ANCHORS).add({ _id: pad(a.n), ...a })
        return true
      } catch (err) {
        if (isDuplicate(err)) return false
        throw err
      }
    },
    async anchors(fromN, limit) {
      outsideTransaction(scope, 'audit.anchors')
      return (await readRange(scope.collection(AUDIT_ANCHORS).where({ n: _().gte(fromN) }).orderBy('n', 'asc'), 0, limit)).map(toAnchor)
    },
    async lastAnchor() {
      outsideTransaction(scope, 'audit.lastAnchor')
      const { data } = await scope.collection(AUDIT_ANCHORS).orderBy('n', 'desc').limit(1).get()
      return data[0] ? toAnchor(data[0]) : null
    },
  }
}

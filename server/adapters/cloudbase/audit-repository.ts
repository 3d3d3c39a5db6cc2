import type { AuditEvent, AuditRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { AUDIT_EVENTS } from './collections'
import { isDuplicate, outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'

/** `list` reads events in seq order from a seq on. */
export const AUDIT_EVENTS_COLLECTION = defineCollection(AUDIT_EVENTS, [{ keys: [['seq', 1]] }])

/** _id of an event: its seq zero-padded, so a second event with the same seq hits the existing _id. */
export const auditId = (seq: number) => String(seq).padStart(12, '0')

/** _id of the head hint: the last appended seq and hash (no `seq` field, so lists skip it). */
const HEAD = 'head'

const FIELDS = ['seq', 'at', 'actor', 'action', 'subject', 'detail', 'prevHash', 'hash'] as const satisfies readonly (keyof AuditEvent)[]
const toEvent = (doc: StoredDoc) => Object.fromEntries(FIELDS.map((f) => [f, doc[f]])) as unknown as AuditEvent

/**
 * The audit log in `audit_events`. `head` reads the hint and then probes the following seqs by
 * _id, so it needs no query (it runs inside transactions) and a stale hint does no harm.
 */
export function auditRepository(scope: Scope): AuditRepository {
  const coll = () => scope.collection(AUDIT_EVENTS)
  return {
    async head() {
      const hint = await readDoc(scope, AUDIT_EVENTS, HEAD)
      let head = hint ? { seq: Number(hint.headSeq), hash: String(hint.headHash) } : null
      for (;;) {
        const next = await readDoc(scope, AUDIT_EVENTS, auditId((head?.seq ?? 0) + 1))
        if (!next) return head
        head = { seq: Number(next.seq), hash: String(next.hash) }
      }
    },
    async append(event) {
      if (scope.inTransaction && (await readDoc(scope, AUDIT_EVENTS, auditId(event.seq)))) return false
      try {
        await coll().add({ _id: auditId(event.seq), ...Object.fromEntries(FIELDS.map((f) => [f, event[f]])) })
      } catch (err) {
        if (!scope.inTransaction && isDuplicate(err)) return false
        throw err
      }
      await coll().doc(HEAD).set({ headSeq: event.seq, headHash: event.hash })
      return true
    },
    async list(fromSeq, limit) {
      outsideTransaction(scope, 'audit.list')
      const query = coll().where({ seq: scope.command.gte(fromSeq) }).orderBy('seq', 'asc')
      return (await readRange(query, 0, limit)).map(toEvent)
    },
  }
}

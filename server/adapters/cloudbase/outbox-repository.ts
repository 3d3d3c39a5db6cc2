import { isDeepStrictEqual } from 'node:util'
import type { OutboxEntry, OutboxRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { OUTBOX } from './collections'
import { addNew, outsideTransaction, readDoc, readPage, type Scope, type StoredDoc } from './types'

/** Delivery picks pending entries that are due, earliest first; `listByStatus` reads the same index backwards. */
export const OUTBOX_COLLECTION = defineCollection(OUTBOX, [{ keys: [['status', 1], ['nextAttemptAt', 1], ['_id', 1]] }])

type Fields = Omit<OutboxEntry, 'key'>
const FIELDS = [
  'kind', 'recipientOpenid', 'payload', 'status', 'attempts', 'nextAttemptAt', 'createdAt', 'sentAt', 'lastError',
] as const satisfies readonly (keyof Fields)[]

const toFields = (e: OutboxEntry): Fields =>
  ({ ...Object.fromEntries(FIELDS.map((f) => [f, e[f]])), ...(e.leaseId !== undefined ? { leaseId: e.leaseId } : {}) }) as Fields
const toEntry = (doc: StoredDoc): OutboxEntry => ({
  key: doc._id,
  ...(Object.fromEntries(FIELDS.map((f) => [f, doc[f]])) as Fields),
  ...(doc.leaseId !== undefined ? { leaseId: doc.leaseId as string | null } : {}),
})

/** The outbox, one document each with _id = the deduplication key, so a second enqueue hits the existing _id. */
export function outboxRepository(scope: Scope): OutboxRepository {
  const coll = () => scope.collection(OUTBOX)
  return {
    enqueue(e) {
      return addNew(scope, OUTBOX, e.key, toFields(e))
    },
    async due(now, limit) {
      outsideTransaction(scope, 'outbox.due')
      const { data } = await coll()
        .where({ status: 'pending', nextAttemptAt: scope.command.lte(now) })
        .orderBy('nextAttemptAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(limit)
        .get()
      return data.map(toEntry)
    },
    async get(key) {
      const doc = await readDoc(scope, OUTBOX, key)
      return doc && toEntry(doc)
    },
    async update(e, expectedAttempts) {
      if (scope.inTransaction) {
        const doc = await readDoc(scope, OUTBOX, e.key)
        if (!doc || doc.attempts !== expectedAttempts) return false
        await coll().doc(e.key).set(toFields(e))
        return true
      }
      const { updated } = await coll().where({ _id: e.key, attempts: expectedAttempts }).update(toFields(e))
      if (updated === 1) return true
      const doc = await readDoc(scope, OUTBOX, e.key)
      return !!doc && isDeepStrictEqual(toEntry(doc), e)
    },
    listByStatus(status, page) {
      return readPage(scope, 'outbox.listByStatus', () => coll().where({ status }), [['nextAttemptAt', 'desc'], ['_id', 'desc']], page, toEntry)
    },
  }
}

import type { MessageRecord, MessageRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { MESSAGES } from './collections'
import { outsideTransaction, readDoc, readPage, readRange, type Scope, type StoredDoc } from './types'

/** A person's messages newest first, and their unread count. */
export const MESSAGES_COLLECTION = defineCollection(MESSAGES, [
  { keys: [['openid', 1], ['createdAt', -1], ['_id', -1]] },
  { keys: [['openid', 1], ['readAt', 1]] },
  // The retention schedule: the oldest first.
  { keys: [['createdAt', 1], ['_id', 1]] },
])

type Fields = Omit<MessageRecord, 'id'>
const FIELDS = ['openid', 'title', 'body', 'applicationId', 'createdAt', 'readAt'] as const satisfies readonly (keyof Fields)[]

const toFields = (m: MessageRecord): Fields => Object.fromEntries(FIELDS.map((f) => [f, m[f]])) as Fields
const toRecord = (doc: StoredDoc): MessageRecord => ({ id: doc._id, ...(Object.fromEntries(FIELDS.map((f) => [f, doc[f] ?? null])) as Fields) })

/** In-app messages, one document each with _id = the message id. */
export function messageRepository(scope: Scope): MessageRepository {
  const coll = () => scope.collection(MESSAGES)
  return {
    async add(m) {
      await coll().add({ _id: m.id, ...toFields(m) })
    },
    listFor(openid, page) {
      return readPage(scope, 'messages.listFor', () => coll().where({ openid }), [['createdAt', 'desc'], ['_id', 'desc']], page, toRecord)
    },
    async unreadCount(openid) {
      outsideTransaction(scope, 'messages.unreadCount')
      const { total } = await coll().where({ openid, readAt: null }).count()
      return total ?? 0
    },
    async markRead(openid, ids, at) {
      outsideTransaction(scope, 'messages.markRead')
      if (ids.length === 0) return 0
      const { updated } = await coll().where({ openid, readAt: null, _id: scope.command.in(ids) }).update({ readAt: at })
      return updated ?? 0
    },
    async createdBefore(before, limit) {
      outsideTransaction(scope, 'messages.createdBefore')
      if (limit <= 0) return []
      return (await readRange(coll().where({ createdAt: scope.command.lt(before) }).orderBy('createdAt', 'asc').orderBy('_id', 'asc'), 0, limit)).map(toRecord)
    },
    async remove(id) {
      if (!(await readDoc(scope, MESSAGES, id))) return false
      await coll().doc(id).remove()
      return true
    },
  }
}

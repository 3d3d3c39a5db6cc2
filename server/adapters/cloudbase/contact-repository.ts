import type { ContactRecord, ContactRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { CONTACTS } from './collections'
import { outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'

/** A household's contacts, newest first (by the day of contact, then when written), and their count. */
export const CONTACTS_COLLECTION = defineCollection(CONTACTS, [
  { keys: [['householdId', 1], ['on', -1], ['createdAt', -1], ['_id', -1]] },
  // The retention schedule: entries whose notes are kept (null or absent), the oldest first.
  { keys: [['notesPurgedAt', 1], ['createdAt', 1], ['_id', 1]] },
])

const toRecord = ({ _id, ...fields }: StoredDoc): ContactRecord => ({ id: _id, ...(fields as Omit<ContactRecord, 'id'>) })

/** The cadres' contact log, one document each with _id = the entry id. */
export function contactRepository(scope: Scope): ContactRepository {
  const coll = () => scope.collection(CONTACTS)
  return {
    async add({ id, ...fields }) {
      await coll().add({ _id: id, ...fields })
    },
    async listByHousehold(householdId, { offset, limit }) {
      outsideTransaction(scope, 'contacts.listByHousehold')
      const of = () => coll().where({ householdId })
      const [docs, { total }] = await Promise.all([
        limit > 0 ? readRange(of().orderBy('on', 'desc').orderBy('createdAt', 'desc').orderBy('_id', 'desc'), offset, limit) : [],
        of().count(),
      ])
      return { items: docs.map(toRecord), total: total ?? 0 }
    },
    async notesBefore(before, limit) {
      outsideTransaction(scope, 'contacts.notesBefore')
      if (limit <= 0) return []
      return (await readRange(coll().where({ notesPurgedAt: null, createdAt: scope.command.lt(before) }).orderBy('createdAt', 'asc').orderBy('_id', 'asc'), 0, limit)).map(toRecord)
    },
    async clearNotes(id, at) {
      const doc = await readDoc(scope, CONTACTS, id)
      if (!doc || doc.notesPurgedAt) return false
      await coll().doc(id).update({ notes: '', nextStep: '', notesPurgedAt: at })
      return true
    },
  }
}

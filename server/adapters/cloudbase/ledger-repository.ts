import type { DisbursementEntry } from '../../../src/domain/ledger'
import type { LedgerRepository, PendingQuery } from '../../ports'
import { defineCollection } from './collection-schema'
import { DISBURSEMENTS } from './collections'
import { MAX_UNIT_IDS } from './staff-repository'
import { outsideTransaction, readDoc, readPage, readRange, type Scope, type StoredDoc } from './types'

/**
 * A household's entries oldest first; a jurisdiction's entries in id order, filtered by the day
 * paid (equality, then the sort, then the range); a jurisdiction's pending entries oldest first,
 * and how many of them someone did not record (equality, then the range on the recorder).
 */
export const DISBURSEMENTS_COLLECTION = defineCollection(DISBURSEMENTS, [
  { keys: [['householdId', 1], ['createdAt', 1], ['_id', 1]] },
  { keys: [['unitId', 1], ['_id', 1], ['paidOn', 1]] },
  { keys: [['status', 1], ['unitId', 1], ['createdAt', 1], ['_id', 1], ['recordedBy', 1]] },
  { keys: [['status', 1], ['unitId', 1], ['recordedBy', 1]] },
])

/** The most entries `listByHousehold` returns. */
const MAX_ENTRIES = 1000

const toRecord = ({ _id, ...fields }: StoredDoc): DisbursementEntry => ({ id: _id, ...fields }) as DisbursementEntry

/**
 * The aid ledger, one document each with _id = the entry id. `append` adds (a taken id makes it
 * fail); `decide` is the only other write: status and decision of a pending entry, once. Nothing
 * updates an entry's facts or removes one.
 */
export function ledgerRepository(scope: Scope): LedgerRepository {
  const coll = () => scope.collection(DISBURSEMENTS)
  const pending = ({ unitIds, notRecordedBy }: PendingQuery) => {
    if (unitIds.length > MAX_UNIT_IDS) throw new Error(`ledger pending lists take at most ${MAX_UNIT_IDS} units`)
    const _ = scope.command
    return coll().where(_.and([{ status: 'pending' }, { unitId: _.in([...unitIds]) }, ...(notRecordedBy === undefined ? [] : [{ recordedBy: _.neq(notRecordedBy) }])]))
  }
  return {
    async append({ id, ...fields }) {
      await coll().add({ _id: id, ...fields })
    },
    async decide(id, decision) {
      if (scope.inTransaction) {
        // A transaction may only read and write by _id: the document is written back as read but for
        // its status and decision, and a racing decision conflicts on it.
        const doc = await readDoc(scope, DISBURSEMENTS, id)
        if (!doc || doc.status !== 'pending') return false
        const { _id, ...stored } = doc
        await coll().doc(id).set({ ...stored, status: decision.status, decision })
        return true
      }
      const { updated } = await coll().where({ _id: id, status: 'pending' }).update({ status: decision.status, decision: scope.command.set(decision) })
      return updated === 1
    },
    async get(id) {
      const doc = await readDoc(scope, DISBURSEMENTS, id)
      return doc && toRecord(doc)
    },
    async listByHousehold(householdId) {
      outsideTransaction(scope, 'ledger.listByHousehold')
      const query = coll().where({ householdId }).orderBy('createdAt', 'asc').orderBy('_id', 'asc')
      return (await readRange(query, 0, MAX_ENTRIES)).map(toRecord)
    },
    async listPending(query, page) {
      if (query.unitIds.length === 0) return { items: [], total: 0 }
      return readPage(scope, 'ledger.listPending', () => pending(query), [['createdAt', 'asc'], ['_id', 'asc']], page, toRecord)
    },
    async countPending(query) {
      outsideTransaction(scope, 'ledger.countPending')
      if (query.unitIds.length === 0) return 0
      return (await pending(query).count()).total ?? 0
    },
    async scan({ unitIds, from, to }, afterId, limit) {
      outsideTransaction(scope, 'ledger.scan')
      if (unitIds.length > MAX_UNIT_IDS) throw new Error(`ledger.scan takes at most ${MAX_UNIT_IDS} units`)
      if (unitIds.length === 0 || limit <= 0) return []
      const _ = scope.command
      const conditions: object[] = [
        { unitId: _.in([...unitIds]) },
        ...(afterId === null ? [] : [{ _id: _.gt(afterId) }]),
        ...(from === undefined ? [] : [{ paidOn: _.gte(from) }]),
        ...(to === undefined ? [] : [{ paidOn: _.lte(to) }]),
      ]
      const query = coll().where(_.and(conditions)).orderBy('_id', 'asc')
      return (await readRange(query, 0, limit)).map(toRecord)
    },
  }
}

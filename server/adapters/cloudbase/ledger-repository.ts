import type { DisbursementEntry } from '../../../src/domain/ledger'
import type { LedgerRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { DISBURSEMENTS } from './collections'
import { MAX_UNIT_IDS } from './staff-repository'
import { outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'

/**
 * A household's entries oldest first; a jurisdiction's entries in id order, filtered by the day
 * paid (equality, then the sort, then the range).
 */
export const DISBURSEMENTS_COLLECTION = defineCollection(DISBURSEMENTS, [
  { keys: [['householdId', 1], ['createdAt', 1], ['_id', 1]] },
  { keys: [['unitId', 1], ['_id', 1], ['paidOn', 1]] },
])

/** The most entries `listByHousehold` returns. */
const MAX_ENTRIES = 1000

const toRecord = ({ _id, ...fields }: StoredDoc): DisbursementEntry => ({ id: _id, ...fields }) as DisbursementEntry

/**
 * The aid ledger, one document each with _id = the entry id. Only `add` writes to it: an entry is
 * never updated or removed, and a taken id makes `add` fail.
 */
export function ledgerRepository(scope: Scope): LedgerRepository {
  const coll = () => scope.collection(DISBURSEMENTS)
  return {
    async append({ id, ...fields }) {
      await coll().add({ _id: id, ...fields })
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

import type { DisbursementEntry } from '../../../src/domain/ledger'
import type { LedgerRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { DISBURSEMENTS } from './collections'
import { pendingRecordedUnder, tally } from './ledger-tallies'
import { outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'
import { readAfter, UNIT_PATH, unitPathOf } from './unit-paths'

/**
 * A household's entries oldest first; a jurisdiction's approved entries by the day paid; its pending
 * entries oldest first, and how many of them one person recorded (kept counts: ledger-tallies.ts).
 * An entry keeps its unit's path (`unitPath`, multikey; data migration 021), so a jurisdiction of
 * any size is one index range; a moved unit's entries are found by `unitId` (the second index) to
 * rewrite it (the only write besides the decision, and not to the facts).
 */
export const DISBURSEMENTS_COLLECTION = defineCollection(DISBURSEMENTS, [
  { keys: [['householdId', 1], ['createdAt', 1], ['_id', 1]] },
  { keys: [['unitId', 1], ['_id', 1], ['paidOn', 1]] },
  { keys: [[UNIT_PATH, 1], ['status', 1], ['createdAt', 1], ['_id', 1]] },
  { keys: [[UNIT_PATH, 1], ['status', 1], ['paidOn', 1], ['_id', 1]] },
])

/** Conditions on `paidOn`: days from `from` (or after `after`) to `to`, either end open. */
function daysPaid(scope: Scope, { from, after, to }: { from?: string; after?: string; to?: string }): object[] {
  const _ = scope.command
  return [
    ...(after !== undefined ? [{ paidOn: _.gt(after) }] : from !== undefined ? [{ paidOn: _.gte(from) }] : []),
    ...(to !== undefined ? [{ paidOn: _.lte(to) }] : []),
  ]
}

/** The most entries `listByHousehold` returns. */
const MAX_ENTRIES = 1000

const toRecord = ({ _id, [UNIT_PATH]: _path, ...fields }: StoredDoc): DisbursementEntry => ({ id: _id, ...fields }) as DisbursementEntry

/**
 * The aid ledger, one document each with _id = the entry id. `append` adds (a taken id makes it
 * fail); `decide` is the only other write: status and decision of a pending entry, once. Nothing
 * updates an entry's facts or removes one.
 */
export function ledgerRepository(scope: Scope): LedgerRepository {
  const coll = () => scope.collection(DISBURSEMENTS)
  // A decided entry leaves its recorder's count (in the decision's transaction, when there is one).
  const untally = (doc: StoredDoc) =>
    tally(scope, { entryId: doc._id, unitId: String(doc.unitId), recordedBy: String(doc.recordedBy) }, Array.isArray(doc[UNIT_PATH]) ? (doc[UNIT_PATH] as string[]) : [String(doc.unitId)], -1)
  return {
    async append({ id, ...fields }) {
      const unitPath = await unitPathOf(scope, fields.unitId)
      await coll().add({ _id: id, ...fields, [UNIT_PATH]: unitPath })
      if (fields.status === 'pending') await tally(scope, { entryId: id, unitId: fields.unitId, recordedBy: fields.recordedBy }, unitPath, 1)
    },
    async decide(id, decision) {
      if (scope.inTransaction) {
        // A transaction may only read and write by _id: the document is written back as read but for
        // its status and decision, and a racing decision conflicts on it.
        const doc = await readDoc(scope, DISBURSEMENTS, id)
        if (!doc || doc.status !== 'pending') return false
        const { _id, ...stored } = doc
        await coll().doc(id).set({ ...stored, status: decision.status, decision })
        await untally(doc)
        return true
      }
      const doc = await readDoc(scope, DISBURSEMENTS, id)
      const { updated } = await coll().where({ _id: id, status: 'pending' }).update({ status: decision.status, decision: scope.command.set(decision) })
      if (updated === 1 && doc) await untally(doc)
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
    async pendingUnder(under, after, limit) {
      outsideTransaction(scope, 'ledger.pendingUnder')
      const query = (where: object) => coll().where({ [UNIT_PATH]: under, status: 'pending', ...where })
      return (await readAfter(scope, query, 'createdAt', after && { value: after.createdAt, id: after.id }, limit)).map(toRecord)
    },
    async countPendingUnder(under, recordedBy) {
      outsideTransaction(scope, 'ledger.countPendingUnder')
      if (recordedBy !== undefined) return pendingRecordedUnder(scope, under, recordedBy)
      // Counted on the index (unitPath, status, createdAt, _id), as the queue's stages are: no document is read.
      return (await coll().where({ [UNIT_PATH]: under, status: 'pending' }).count()).total ?? 0
    },
    async approvedUnder(under, { from, to }, after, limit) {
      outsideTransaction(scope, 'ledger.approvedUnder')
      if (limit <= 0) return []
      const _ = scope.command
      const query = (...where: object[]) => coll().where(_.and([{ [UNIT_PATH]: under, status: 'approved' }, ...where]))
      // The rest of the last day read, then the days after it (two plain index ranges, no `$or`).
      const tie = after ? await readRange(query({ paidOn: after.paidOn, _id: _.gt(after.id) }).orderBy('_id', 'asc'), 0, limit) : []
      if (tie.length >= limit) return tie.map(toRecord)
      const rest = await readRange(query(...daysPaid(scope, after ? { after: after.paidOn, to } : { from, to })).orderBy('paidOn', 'asc').orderBy('_id', 'asc'), 0, limit - tie.length)
      return [...tie, ...rest].map(toRecord)
    },
    async countApprovedUnder(under, { from, to }) {
      outsideTransaction(scope, 'ledger.countApprovedUnder')
      const _ = scope.command
      return (await coll().where(_.and([{ [UNIT_PATH]: under, status: 'approved' }, ...daysPaid(scope, { from, to })])).count()).total ?? 0
    },
  }
}

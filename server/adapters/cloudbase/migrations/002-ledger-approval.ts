import { DISBURSEMENTS } from '../collections'
import type { StoredDoc } from '../types'
import { MIGRATION_BATCH, type CloudbaseMigration } from './migration'

/**
 * Ledger entries written before four-eyes approvals named their approver and counted at once:
 * they become approved by that person, as of when they were recorded (`legacy` says so), with no
 * budget; the named-approver fields go. SQLite's migration 9 does the same.
 */
export const ledgerApproval: CloudbaseMigration = {
  id: '002-ledger-approval',
  description: 'ledger entries recorded under the named-approver rule become approved',
  async run({ db, log }) {
    const _ = db.command
    const coll = db.collection(DISBURSEMENTS)
    let changed = 0
    const seen = new Set<string>()
    for (;;) {
      const { data } = await coll.where({ status: _.exists(false) }).limit(MIGRATION_BATCH).get()
      for (const doc of data as StoredDoc[]) {
        // Found again after its update: the update did not take; stop rather than loop.
        if (seen.has(doc._id)) throw new Error(`${ledgerApproval.id}: entry ${doc._id} was not migrated`)
        seen.add(doc._id)
        const decision = { status: 'approved', by: String(doc.approvedBy ?? ''), byName: String(doc.approvedByName ?? ''), at: String(doc.createdAt), note: '', legacy: true }
        // Guarded by the missing status, so an entry decided meanwhile is left alone.
        const { updated } = await coll
          .where({ _id: doc._id, status: _.exists(false) })
          .update({ status: 'approved', decision: _.set(decision), budgetId: null, approvedBy: _.remove(), approvedByName: _.remove() })
        changed += updated ?? 0
      }
      if (data.length < MIGRATION_BATCH) {
        log?.(`  ${changed} ledger entries approved as recorded under the named-approver rule`)
        return { changed }
      }
    }
  },
}

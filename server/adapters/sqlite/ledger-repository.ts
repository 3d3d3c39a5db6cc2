import type { DisbursementEntry } from '../../../src/domain/ledger'
import type { LedgerRepository } from '../../ports'
import type { Db } from './connection'

/** The most ledger entries `listByHousehold` returns. */
const MAX_ENTRIES = 1000

/** The ledger: INSERT only; triggers of migration 7 refuse any UPDATE or DELETE of the table. */
export function ledgerRepository(db: Db): LedgerRepository {
  const parseAll = (docs: unknown[]) => (docs as string[]).map((d) => JSON.parse(d) as DisbursementEntry)
  return {
    async append(e) {
      db.prepare('INSERT INTO disbursements (id, household_id, unit_id, paid_on, created_at, doc) VALUES (?, ?, ?, ?, ?, ?)').run(
        e.id,
        e.householdId,
        e.unitId,
        e.paidOn,
        e.createdAt,
        JSON.stringify(e),
      )
    },
    async get(id) {
      const doc = db.prepare('SELECT doc FROM disbursements WHERE id = ?').pluck().get(id) as string | undefined
      return doc ? (JSON.parse(doc) as DisbursementEntry) : null
    },
    async listByHousehold(householdId) {
      return parseAll(db.prepare('SELECT doc FROM disbursements WHERE household_id = ? ORDER BY created_at, id LIMIT ?').pluck().all(householdId, MAX_ENTRIES))
    },
    async scan({ unitIds, from, to }, afterId, limit) {
      if (unitIds.length === 0 || limit <= 0) return []
      const docs = db
        .prepare(
          // Walks the id index in order (the `+` keeps the planner off the unit index, which would sort every remaining row per page).
          `SELECT doc FROM disbursements WHERE +unit_id IN (SELECT value FROM json_each(?)) AND +paid_on >= ? AND +paid_on <= ? AND id > ?
           ORDER BY id LIMIT ?`,
        )
        .pluck()
        // Dates are `YYYY-MM-DD`: '' is before every one and '9' after.
        .all(JSON.stringify(unitIds), from ?? '', to ?? '9', afterId ?? '', limit)
      return parseAll(docs)
    },
  }
}

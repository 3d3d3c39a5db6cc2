import type { LedgerRepository } from '../../ports'
import type { Db } from './connection'
import { readAll, readOne } from './documents'

/** The most ledger entries `listByHousehold` returns. */
const MAX_ENTRIES = 1000

/** The ledger: INSERT only; triggers of migration 7 refuse any UPDATE or DELETE of the table. */
export function ledgerRepository(db: Db): LedgerRepository {
  return {
    async append(e) {
      db.prepare('INSERT INTO disbursements (id, household_id, unit_id, paid_on, created_at, doc) VALUES (?, ?, ?, ?, ?, ?)').run(
        ...[e.id, e.householdId, e.unitId, e.paidOn, e.createdAt, JSON.stringify(e)],
      )
    },
    async get(id) {
      return readOne(db, 'SELECT doc FROM disbursements WHERE id = ?', id)
    },
    async listByHousehold(householdId) {
      return readAll(db, 'SELECT doc FROM disbursements WHERE household_id = ? ORDER BY created_at, id LIMIT ?', householdId, MAX_ENTRIES)
    },
    async scan({ unitIds, from, to }, afterId, limit) {
      if (unitIds.length === 0 || limit <= 0) return []
      return readAll(
        db,
        // Walks the id index in order (the `+` keeps the planner off the unit index, which would sort every remaining row per page).
        `SELECT doc FROM disbursements WHERE +unit_id IN (SELECT value FROM json_each(?)) AND +paid_on >= ? AND +paid_on <= ? AND id > ?
         ORDER BY id LIMIT ?`,
        // Dates are `YYYY-MM-DD`: '' is before every one and '9' after.
        ...[JSON.stringify(unitIds), from ?? '', to ?? '9', afterId ?? '', limit],
      )
    },
  }
}

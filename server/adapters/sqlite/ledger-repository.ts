import type { DisbursementEntry, EntryDecision } from '../../../src/domain/ledger'
import type { LedgerRepository } from '../../ports'
import type { Db } from './connection'
import { PENDING_BY_RECORDER_SQL } from './migration-ledger-tallies'
import { LEDGER_APPROVED_COUNT } from './migration-ledger-export'
import { LEDGER_DAYS_PAGE } from './migration-ledger-reads'
import { unitListCount, unitListPage } from './migration-unit-lists'

/** The most ledger entries `listByHousehold` returns. */
const MAX_ENTRIES = 1000

type Row = { doc: string; status: DisbursementEntry['status']; decision: string | null }

const COLUMNS = 'doc, status, decision'
const toEntry = (r: Row): DisbursementEntry => ({ ...(JSON.parse(r.doc) as DisbursementEntry), status: r.status, decision: r.decision === null ? null : (JSON.parse(r.decision) as EntryDecision) })

/**
 * The ledger: an entry's facts are written once into `doc` (triggers of migration 9 refuse any
 * other change); only `status` and `decision` are written again, once, from pending.
 */
export function ledgerRepository(db: Db): LedgerRepository {
  const all = (sql: string, ...params: unknown[]) => (db.prepare(sql).all(...params) as Row[]).map(toEntry)
  const counted = db.prepare(unitListCount('ledgerPending')).pluck()
  const byRecorder = db.prepare(PENDING_BY_RECORDER_SQL).pluck()
  return {
    async append({ status, decision, ...facts }) {
      db.prepare('INSERT INTO disbursements (id, household_id, unit_id, paid_on, created_at, recorded_by, status, decision, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
        ...[facts.id, facts.householdId, facts.unitId, facts.paidOn, facts.createdAt, facts.recordedBy, status, decision && JSON.stringify(decision), JSON.stringify(facts)],
      )
    },
    async decide(id, decision) {
      const sql = `UPDATE disbursements SET status = ?, decision = ? WHERE id = ? AND status = 'pending'`
      return db.prepare(sql).run(decision.status, JSON.stringify(decision), id).changes === 1
    },
    async get(id) {
      const row = db.prepare(`SELECT ${COLUMNS} FROM disbursements WHERE id = ?`).get(id) as Row | undefined
      return row ? toEntry(row) : null
    },
    async listByHousehold(householdId) {
      return all(`SELECT ${COLUMNS} FROM disbursements WHERE household_id = ? ORDER BY created_at, id LIMIT ?`, householdId, MAX_ENTRIES)
    },
    async pendingUnder(under, after, limit) {
      // The entries' primary key serves the range and the order (migration 50).
      return all(unitListPage('ledgerPending').replace('SELECT r.doc', 'SELECT r.doc, r.status, r.decision'), under, after?.createdAt ?? '', after?.id ?? '', Math.max(0, limit))
    },
    async countPendingUnder(under, recordedBy) {
      if (recordedBy === undefined) return counted.get(under) as number
      // One person's pending entries under the unit: a kept count (migration 58).
      return byRecorder.get(under, recordedBy) as number
    },
    async approvedUnder(under, { from, to }, after, limit) {
      // Dates are `YYYY-MM-DD`: '' is before every one and '9' after. The entries come from migration 54's copy stored in the list's order.
      return all(LEDGER_DAYS_PAGE, under, after?.paidOn ?? from ?? '', after?.id ?? '', to ?? '9', Math.max(0, limit))
    },
    async countApprovedUnder(under, { from, to }) {
      return db.prepare(LEDGER_APPROVED_COUNT).pluck().get(under, from ?? '', to ?? '9') as number
    },
  }
}

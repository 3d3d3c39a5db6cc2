import type { Migration } from './migrations'
import { listSql, type UnitList } from './migration-unit-lists'

/** The ledger's approved entries under every unit above theirs, by the day paid (migration 56). Never rename it. */
export const LEDGER_APPROVED_LIST = 'ledgerApproved'

const APPROVED: UnitList = { table: 'disbursements', holds: (r) => `${r}.status = 'approved'`, sort: (r) => `${r}.paid_on` }

/**
 * Migration 56 (issue 14): the ledger export of a jurisdiction of any size, as a job in parts. It
 * read the entries of a list of unit ids in id order (CloudBase refused more than 1,000 units); now
 * each approved entry keeps an entry under every unit above its unit (migration 45's list_entries,
 * its counts and triggers), sorted by the day paid, so a part of an export is one range of the
 * entries' key after the saved cursor, and a date range is a range of it too. A decision that
 * approves a pending entry, a new unit and a moved one keep it as they keep the other lists.
 * CloudBase reads the same by `unitPath` (its entries have it since 021) on an index the deploy plan
 * creates: no data to change there.
 */
export const LEDGER_EXPORT_MIGRATION: Migration = {
  version: 56,
  name: "the ledger's approved entries as a list under every unit above theirs, by the day paid",
  sql: listSql(LEDGER_APPROVED_LIST, APPROVED, '_approved'),
}

/** How many of a unit's approved entries were paid in [from, to]: a range of the same key. */
export const LEDGER_APPROVED_COUNT = `SELECT count(*) FROM list_entries WHERE list = '${LEDGER_APPROVED_LIST}' AND ancestor_id = ? AND sort >= ? AND sort <= ?`

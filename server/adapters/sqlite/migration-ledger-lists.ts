import type { Migration } from './migrations'
import { listSql, UNIT_LISTS_50 } from './migration-unit-lists'

/**
 * Migration 50 (issue 14): the ledger's pending entries of a jurisdiction of any size. They took a
 * list of the jurisdiction's unit ids (CloudBase refused more than 1,000); now each pending entry
 * keeps an entry under every unit above its unit (migration 45's list_entries, counts and
 * triggers), so a page is one range of the entries' key, oldest first, and its count one row. The
 * reviewer's own pending entries (subtracted from the count for the home page's badge) are found by
 * the recorder on a pending-only index.
 */
export const LEDGER_LISTS_MIGRATION: Migration = {
  version: 50,
  name: "the ledger's pending entries as a list under every unit above theirs",
  sql: `
    ${Object.entries(UNIT_LISTS_50)
      .map(([name, l]) => listSql(name, l))
      .join('\n')}
    CREATE INDEX disbursements_pending_by_recorder ON disbursements (recorded_by, unit_id) WHERE status = 'pending';
  `,
}

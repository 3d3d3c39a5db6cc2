import type { Migration } from './migrations'

/** How many pending ledger entries one person recorded under a unit (a kept count). */
export const PENDING_BY_RECORDER_SQL = `SELECT coalesce((SELECT n FROM ledger_pending_recorders WHERE ancestor_id = ? AND recorded_by = ?), 0)`

/**
 * Migration 58 (issue 14): the 资金审批 list's `approvable` without counting entries. It subtracts
 * the reviewer's own pending entries from the list's kept count; those were counted one by one
 * (migration 50's index by recorder, then the unit's path), which grew with what he recorded (3.8x
 * for 10x data in `npm run bench:queues`). A count per (unit above, recorder), kept by triggers on
 * the pending list's entries (migration 50), so a recorded or decided entry and a moved unit
 * (which re-lists its entries) re-roll it in the same transaction, makes it one row. The entry's
 * recorder is read from the entry itself (never changed, never deleted: migration 9). The index by
 * recorder has no other reader and goes.
 */
export const LEDGER_TALLIES_MIGRATION: Migration = {
  version: 58,
  name: "the ledger's pending entries counted per unit above and recorder",
  sql: `
    CREATE TABLE ledger_pending_recorders (ancestor_id TEXT NOT NULL, recorded_by TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (ancestor_id, recorded_by)) WITHOUT ROWID;
    CREATE TRIGGER list_entries_recorder_counted AFTER INSERT ON list_entries WHEN NEW.list = 'ledgerPending' BEGIN
      INSERT INTO ledger_pending_recorders (ancestor_id, recorded_by, n) SELECT NEW.ancestor_id, d.recorded_by, 1 FROM disbursements d WHERE d.id = NEW.id
        ON CONFLICT (ancestor_id, recorded_by) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER list_entries_recorder_uncounted AFTER DELETE ON list_entries WHEN OLD.list = 'ledgerPending' BEGIN
      UPDATE ledger_pending_recorders SET n = n - 1 WHERE ancestor_id = OLD.ancestor_id AND recorded_by = (SELECT recorded_by FROM disbursements WHERE id = OLD.id);
      DELETE FROM ledger_pending_recorders WHERE ancestor_id = OLD.ancestor_id AND recorded_by = (SELECT recorded_by FROM disbursements WHERE id = OLD.id) AND n <= 0;
    END;
    INSERT INTO ledger_pending_recorders (ancestor_id, recorded_by, n)
      SELECT e.ancestor_id, d.recorded_by, count(*) FROM list_entries e JOIN disbursements d ON d.id = e.id WHERE e.list = 'ledgerPending' GROUP BY e.ancestor_id, d.recorded_by;
    DROP INDEX disbursements_pending_by_recorder;
  `,
}

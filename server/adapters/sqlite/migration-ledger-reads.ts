import type { Migration } from './migrations'
import { LEDGER_APPROVED_LIST } from './migration-ledger-export'

/**
 * Migration 54 (issue 14): the ledger export's reads in the order of what they read. A part read
 * the approved entries of migration 56's list by day paid, then each entry and its household by id:
 * at 100,000 households (a 2 GB file) nearly every one a page outside SQLite's cache and memory
 * map, so both reads grew 14x for 10x the entries.
 * - `ledger_days` holds each approved entry once more, clustered by (day paid, id), the list's own
 *   order: a page's entries are then read in the order they are stored, each page of them once. An
 *   entry is approved once and never changed after (migration 9's triggers), so a trigger writes it
 *   when it is inserted approved or decided so, and nothing ever updates or deletes it.
 * - `households_names` holds each household's id, file number and head's name (some 60 bytes, 6 MB
 *   at 100,000): a row's household is named from a few cached pages. The columns are written with
 *   every household since migration 7.
 * CloudBase reads the entries by `unitPath`, status, day paid (whole documents on the index) and the
 * households' two fields by `_id`: nothing to change there.
 */
export const LEDGER_READS_MIGRATION: Migration = {
  version: 54,
  name: "the ledger export's approved entries clustered by day paid, households' numbers and names by id",
  sql: `
    CREATE TABLE ledger_days (paid_on TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, decision TEXT NOT NULL, PRIMARY KEY (paid_on, id)) WITHOUT ROWID;
    CREATE TRIGGER disbursements_approved_day AFTER INSERT ON disbursements WHEN NEW.status = 'approved' BEGIN
      INSERT INTO ledger_days (paid_on, id, doc, decision) VALUES (NEW.paid_on, NEW.id, NEW.doc, NEW.decision);
    END;
    CREATE TRIGGER disbursements_approved_later_day AFTER UPDATE OF status ON disbursements WHEN NEW.status = 'approved' AND OLD.status IS NOT 'approved' BEGIN
      INSERT INTO ledger_days (paid_on, id, doc, decision) VALUES (NEW.paid_on, NEW.id, NEW.doc, NEW.decision);
    END;
    INSERT INTO ledger_days (paid_on, id, doc, decision) SELECT paid_on, id, doc, decision FROM disbursements WHERE status = 'approved';
    CREATE INDEX households_names ON households (id, number, head_name);
  `,
}

/** A page of a unit's approved entries paid in [from, to] after (paid_on, id): a range of the list's key, each entry read from `ledger_days` in the same order. */
export const LEDGER_DAYS_PAGE = `SELECT d.doc, 'approved' AS status, d.decision FROM list_entries e JOIN ledger_days d ON d.paid_on = e.sort AND d.id = e.id
  WHERE e.list = '${LEDGER_APPROVED_LIST}' AND e.ancestor_id = ? AND (e.sort, e.id) > (?, ?) AND e.sort <= ? ORDER BY e.sort, e.id LIMIT ?`

/** The numbers and heads' names of a list of households (a JSON array of ids), from migration 54's index alone. */
export const HOUSEHOLD_NAMES_SQL = 'SELECT id, number, head_name AS headName FROM households INDEXED BY households_names WHERE id IN (SELECT value FROM json_each(?))'

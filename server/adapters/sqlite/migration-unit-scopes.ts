import { QUEUE_STAGES } from '../../../src/domain/review'
import type { Migration } from './migrations'

const STAGES = QUEUE_STAGES.map((s) => `'${s}'`).join(', ')

/** The entries of the applications `rows` selects (`a`), one per unit on the path `path` (a JSON array). */
const queueEntries = (path: string, rows: string) =>
  `INSERT INTO queue_entries (ancestor_id, status, due_sort, id) SELECT p.value, a.status, a.due_sort, a.id FROM ${rows}, json_each(${path}) p WHERE a.status IN (${STAGES})`
const householdEntries = (path: string, rows: string) =>
  `INSERT INTO household_entries (ancestor_id, status, number, id) SELECT p.value, h.status, coalesce(h.number, ''), h.id FROM ${rows}, json_each(${path}) p`

/** A unit's records filed again under its path (after it was created or moved). */
const reindexUnit = `
    DELETE FROM queue_entries WHERE id IN (SELECT id FROM applications WHERE status IN (${STAGES}) AND unit_id = NEW.id);
    ${queueEntries("NEW.doc, '$.path'", '(SELECT * FROM applications WHERE unit_id = NEW.id) a')};
    DELETE FROM household_entries WHERE id IN (SELECT id FROM households WHERE unit_id = NEW.id);
    ${householdEntries("NEW.doc, '$.path'", '(SELECT * FROM households WHERE unit_id = NEW.id) h')};`

/**
 * Migration 17: a jurisdiction is read as one index range, however many units it holds. Each open
 * case (the queue's stages) and each household has an entry per unit on its unit's path (the
 * unit and every unit above it), kept by triggers as records and units change; so a stage's
 * cases under any unit come in deadline order straight from the index (keyset pages, no sort),
 * and households by file number. Counters per (unit above, stage, due day) and (unit above,
 * status) are kept by triggers on the entries, so counts read a handful of rows. CloudBase keeps
 * the unit's path on the record instead (a multikey index; migrations/008-unit-paths.ts).
 */
export const UNIT_SCOPES_MIGRATION: Migration = {
  version: 17,
  name: 'open cases and households indexed under every unit above them, with counters',
  sql: `
    CREATE TABLE queue_entries (ancestor_id TEXT NOT NULL, status TEXT NOT NULL, due_sort TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (ancestor_id, status, due_sort, id)) WITHOUT ROWID;
    CREATE INDEX queue_entries_by_id ON queue_entries (id);
    CREATE TABLE queue_counts (ancestor_id TEXT NOT NULL, status TEXT NOT NULL, due_day TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (ancestor_id, status, due_day)) WITHOUT ROWID;
    CREATE TRIGGER queue_entries_counted AFTER INSERT ON queue_entries BEGIN
      INSERT INTO queue_counts (ancestor_id, status, due_day, n) VALUES (NEW.ancestor_id, NEW.status, substr(NEW.due_sort, 1, 10), 1)
        ON CONFLICT (ancestor_id, status, due_day) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER queue_entries_uncounted AFTER DELETE ON queue_entries BEGIN
      UPDATE queue_counts SET n = n - 1 WHERE ancestor_id = OLD.ancestor_id AND status = OLD.status AND due_day = substr(OLD.due_sort, 1, 10);
    END;

    CREATE TABLE household_entries (ancestor_id TEXT NOT NULL, status TEXT NOT NULL, number TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (ancestor_id, status, number, id)) WITHOUT ROWID;
    CREATE INDEX household_entries_by_number ON household_entries (ancestor_id, number, id);
    CREATE INDEX household_entries_by_id ON household_entries (id);
    CREATE TABLE household_counts (ancestor_id TEXT NOT NULL, status TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (ancestor_id, status)) WITHOUT ROWID;
    CREATE TRIGGER household_entries_counted AFTER INSERT ON household_entries BEGIN
      INSERT INTO household_counts (ancestor_id, status, n) VALUES (NEW.ancestor_id, NEW.status, 1) ON CONFLICT (ancestor_id, status) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER household_entries_uncounted AFTER DELETE ON household_entries BEGIN
      UPDATE household_counts SET n = n - 1 WHERE ancestor_id = OLD.ancestor_id AND status = OLD.status;
    END;

    CREATE TRIGGER applications_queued AFTER INSERT ON applications WHEN NEW.status IN (${STAGES}) BEGIN
      ${queueEntries("o.doc, '$.path'", '(SELECT NEW.status AS status, NEW.due_sort AS due_sort, NEW.id AS id) a, org_units o')} AND o.id = NEW.unit_id;
    END;
    CREATE TRIGGER applications_requeued AFTER UPDATE ON applications
      WHEN OLD.status IS NOT NEW.status OR OLD.due_sort IS NOT NEW.due_sort OR OLD.unit_id IS NOT NEW.unit_id BEGIN
      DELETE FROM queue_entries WHERE id = OLD.id;
      ${queueEntries("o.doc, '$.path'", '(SELECT NEW.status AS status, NEW.due_sort AS due_sort, NEW.id AS id) a, org_units o')} AND o.id = NEW.unit_id;
    END;
    CREATE TRIGGER applications_unqueued AFTER DELETE ON applications BEGIN
      DELETE FROM queue_entries WHERE id = OLD.id;
    END;

    CREATE TRIGGER households_indexed AFTER INSERT ON households BEGIN
      ${householdEntries("o.doc, '$.path'", '(SELECT NEW.status AS status, NEW.number AS number, NEW.id AS id) h, org_units o')} WHERE o.id = NEW.unit_id;
    END;
    CREATE TRIGGER households_reindexed AFTER UPDATE ON households
      WHEN OLD.status IS NOT NEW.status OR OLD.number IS NOT NEW.number OR OLD.unit_id IS NOT NEW.unit_id BEGIN
      DELETE FROM household_entries WHERE id = OLD.id;
      ${householdEntries("o.doc, '$.path'", '(SELECT NEW.status AS status, NEW.number AS number, NEW.id AS id) h, org_units o')} WHERE o.id = NEW.unit_id;
    END;
    CREATE TRIGGER households_unindexed AFTER DELETE ON households BEGIN
      DELETE FROM household_entries WHERE id = OLD.id;
    END;

    CREATE TRIGGER org_units_created AFTER INSERT ON org_units BEGIN ${reindexUnit}
    END;
    CREATE TRIGGER org_units_moved AFTER UPDATE OF path_key ON org_units WHEN OLD.path_key IS NOT NEW.path_key BEGIN ${reindexUnit}
    END;

    ${queueEntries("o.doc, '$.path'", 'applications a JOIN org_units o ON o.id = a.unit_id')};
    ${householdEntries("o.doc, '$.path'", 'households h JOIN org_units o ON o.id = h.unit_id')};

    -- Scans walk a jurisdiction unit by unit in id order, with or without a status.
    DROP INDEX households_by_unit;
    CREATE INDEX households_scan ON households (unit_id, id);
    CREATE INDEX households_scan_by_status ON households (unit_id, status, id);
  `,
}

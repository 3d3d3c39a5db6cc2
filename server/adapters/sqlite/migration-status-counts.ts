import { APPLICATION_STATUSES } from '../../../src/domain/application-status'
import { QUEUE_STAGES } from '../../../src/domain/review'
import type { Migration } from './migrations'

/**
 * The statuses counted here: those outside the queue, but for drafts (the queue's stages are
 * counted by its tallies, migration 45; a draft is never counted).
 */
export const COUNTED_STATUSES = APPLICATION_STATUSES.filter((s) => s !== 'draft' && !(QUEUE_STAGES as readonly string[]).includes(s))
const COUNTED = `(${COUNTED_STATUSES.map((s) => `'${s}'`).join(', ')})`

/**
 * How many applications the units under a unit hold, per status (drafts are not counted): the queue's
 * stages from their tallies' totals (length 0), the others from the counts of migration 60.
 */
export const STATUS_COUNTS_SQL = `SELECT status, n FROM queue_tallies WHERE ancestor_id = @under AND len = 0 AND bucket = ''
  UNION ALL SELECT status, n FROM status_counts WHERE ancestor_id = @under`

/** Every unit of `unit`'s path (the unit and those above it), as rows of `p.value`. */
const pathOf = (unit: string) => `org_units o, json_each(o.doc, '$.path') p WHERE o.id = ${unit}`

/** One more (or one fewer) application in `status` at every unit of `unit`'s path, when `status` is counted. */
const add = (unit: string, status: string) => `
      INSERT INTO status_counts (ancestor_id, status, n) SELECT p.value, ${status}, 1 FROM ${pathOf(unit)} AND ${status} IN ${COUNTED}
        ON CONFLICT (ancestor_id, status) DO UPDATE SET n = n + 1;`
const remove = (unit: string, status: string) => `
      UPDATE status_counts SET n = n - 1 WHERE status = ${status} AND ancestor_id IN (SELECT p.value FROM ${pathOf(unit)});`

/** The counts of one unit's own applications, added at (or taken from) every unit of the path `path` (a JSON array, SQL). */
const unitCounts = (unit: string, path: string, sign: '+' | '-') =>
  sign === '+'
    ? `INSERT INTO status_counts (ancestor_id, status, n)
        SELECT p.value, a.status, count(*) FROM applications a, json_each(${path}) p WHERE a.unit_id = ${unit} AND a.status IN ${COUNTED} GROUP BY p.value, a.status
        ON CONFLICT (ancestor_id, status) DO UPDATE SET n = n + excluded.n;`
    : `UPDATE status_counts SET n = n - (SELECT count(*) FROM applications a WHERE a.unit_id = ${unit} AND a.status = status_counts.status)
        WHERE ancestor_id IN (SELECT value FROM json_each(${path}));`

/**
 * Migration 60 (issue 14): the dashboard's applications by status without counting applications.
 * It counted each status with `count(*)` over the applications of a list of every unit of the
 * jurisdiction, so a province's view read every non-draft application (1,000,000 in
 * `npm run bench:scale`: 4.4 s). The queue's stages were already counted per unit above by the
 * queue's tallies; the statuses outside the queue (filed, returned, rejected, withdrawn) are now
 * counted per (unit above, status), kept by triggers as applications are written, change status or
 * unit, or are deleted, and as units are created or move (their own applications' counts leave the
 * old path and join the new one, in the move's transaction). A submit (an insert in `submitted`)
 * and a draft's saves write nothing here; a decision that closes a case moves one count per unit
 * above. The view reads one short range of each table.
 */
export const STATUS_COUNTS_MIGRATION: Migration = {
  version: 60,
  name: 'applications outside the queue counted per unit above and status',
  sql: `
    CREATE TABLE status_counts (ancestor_id TEXT NOT NULL, status TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (ancestor_id, status)) WITHOUT ROWID;
    CREATE TRIGGER applications_status_counted AFTER INSERT ON applications WHEN NEW.status IN ${COUNTED} BEGIN${add('NEW.unit_id', 'NEW.status')}
    END;
    CREATE TRIGGER applications_status_recounted AFTER UPDATE OF status, unit_id ON applications
      WHEN (OLD.status IS NOT NEW.status OR OLD.unit_id IS NOT NEW.unit_id) AND (OLD.status IN ${COUNTED} OR NEW.status IN ${COUNTED}) BEGIN${remove('OLD.unit_id', 'OLD.status')}${add('NEW.unit_id', 'NEW.status')}
    END;
    CREATE TRIGGER applications_status_uncounted AFTER DELETE ON applications WHEN OLD.status IN ${COUNTED} BEGIN${remove('OLD.unit_id', 'OLD.status')}
    END;
    CREATE TRIGGER org_units_created_status_counts AFTER INSERT ON org_units BEGIN
      ${unitCounts('NEW.id', "NEW.doc, '$.path'", '+')}
    END;
    CREATE TRIGGER org_units_moved_status_counts AFTER UPDATE OF path_key ON org_units WHEN OLD.path_key IS NOT NEW.path_key BEGIN
      ${unitCounts('OLD.id', "OLD.doc, '$.path'", '-')}
      ${unitCounts('NEW.id', "NEW.doc, '$.path'", '+')}
    END;
    INSERT INTO status_counts (ancestor_id, status, n)
      SELECT p.value, a.status, count(*) FROM applications a JOIN org_units o ON o.id = a.unit_id, json_each(o.doc, '$.path') p WHERE a.status IN ${COUNTED} GROUP BY p.value, a.status;
  `,
}

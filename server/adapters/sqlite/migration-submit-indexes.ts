import type { Migration } from './migrations'

/** The statuses the retention schedule scans by last change (abandoned drafts, closed applications): its index holds only these. */
export const SCHEDULED_STATUSES = "status IN ('draft', 'filed', 'rejected', 'withdrawn')"

/** A unit's notice entries filed afresh (created or moved): found through the queue's index by status and unit, not a scan of every notice. */
const noticesOfUnit = `
      DELETE FROM list_entries WHERE list = 'notices' AND id IN (SELECT id FROM applications r WHERE r.status = 'publicizing' AND r.unit_id = NEW.id);
      INSERT INTO list_entries (list, ancestor_id, sort, id) SELECT 'notices', p.value, r.notice_ends_at, r.id FROM applications r, json_each(NEW.doc, '$.path') p
        WHERE r.status = 'publicizing' AND r.unit_id = NEW.id AND +r.notice_ends_at IS NOT NULL;`

/**
 * Migration 55 (issue 14): a submit writes 5 fewer index entries. Queues, lists and counts read by
 * unit path (list_entries, queue_entries, tallies), so:
 * - the index by unit, status and last change served only the notice triggers of a created or
 *   moved unit: they find its notices by status and unit (the queue's index) and it is dropped;
 * - the indexes of the timers and the schedule hold only the statuses they read (partial): the
 *   returned cases by deadline, the running notices by end, the retention schedule's drafts and
 *   closed applications, a caseworker's 代为申请 drafts. A submitted case is in none of them;
 * - the trigger that files a new case among the notices runs only for one under a notice (it used
 *   to run for every insert, to select nothing).
 */
export const SUBMIT_INDEXES_MIGRATION: Migration = {
  version: 55,
  name: 'a submitted application is written to the indexes its queries read only: the timers\' and the schedule\'s hold their statuses alone',
  sql: `
    DROP INDEX applications_by_unit_status;
    DROP INDEX applications_by_status_due;
    DROP INDEX applications_notice_end;
    DROP INDEX applications_by_typist;
    DROP INDEX applications_by_status_updated;
    CREATE INDEX applications_returned ON applications (status, due_sort, id) WHERE status = 'returned';
    CREATE INDEX applications_notices_ending ON applications (status, notice_ends_at, id) WHERE status = 'publicizing';
    CREATE INDEX applications_by_typist ON applications (typist_openid, status, updated_at DESC, id DESC) WHERE status = 'draft' AND typist_openid IS NOT NULL;
    CREATE INDEX applications_by_status_updated ON applications (status, updated_at, id) WHERE ${SCHEDULED_STATUSES};
    DROP TRIGGER applications_listed;
    CREATE TRIGGER applications_listed AFTER INSERT ON applications WHEN NEW.status = 'publicizing' AND NEW.notice_ends_at IS NOT NULL BEGIN
      INSERT INTO list_entries (list, ancestor_id, sort, id) SELECT 'notices', p.value, NEW.notice_ends_at, NEW.id FROM org_units o, json_each(o.doc, '$.path') p WHERE o.id = NEW.unit_id;
    END;
    DROP TRIGGER org_units_created_notices;
    DROP TRIGGER org_units_moved_notices;
    CREATE TRIGGER org_units_created_notices AFTER INSERT ON org_units BEGIN ${noticesOfUnit}
    END;
    CREATE TRIGGER org_units_moved_notices AFTER UPDATE OF path_key ON org_units WHEN OLD.path_key IS NOT NEW.path_key BEGIN ${noticesOfUnit}
    END;
  `,
}

import { stationUnitFor } from '../../../src/domain/station-unit'
import type { Db } from './connection'
import { KEY_VERSIONS_MIGRATION } from './migration-key-versions'
import { BOUNDED_PAIRS_MIGRATION, FIGURE_CELLS_MIGRATION, FIGURES_MIGRATION } from './figure-storage'
import { STATUS_COUNTS_MIGRATION } from './migration-status-counts'
import { UNIT_SCOPES_MIGRATION } from './migration-unit-scopes'
import { UNIT_LISTS_MIGRATION } from './migration-unit-lists'
import { CONTACT_CLOCKS_MIGRATION } from './contact-clock-storage'
import { LIST_TALLIES_MIGRATION } from './migration-list-tallies'
import { PERSON_REQUEST_LISTS_MIGRATION } from './migration-person-request-lists'
import { REPORT_LISTS_MIGRATION } from './migration-report-lists'
import { LEDGER_READS_MIGRATION } from './migration-ledger-reads'
import { LEDGER_EXPORT_MIGRATION } from './migration-ledger-export'
import { LEDGER_LISTS_MIGRATION } from './migration-ledger-lists'
import { CAMPAIGN_LISTS_MIGRATION } from './migration-campaign-lists'
import { STATION_LISTS_MIGRATION } from './migration-station-lists'
import { BUDGET_IDS_MIGRATION, HOUSEHOLD_SCANS_MIGRATION } from './migration-scan-indexes'

import { LEDGER_TALLIES_MIGRATION } from './migration-ledger-tallies'
import { SUBMIT_INDEXES_MIGRATION } from './migration-submit-indexes'

/** One schema migration: its SQL, then (where data needs the domain's rules) `run`, in the same transaction. */
export interface Migration {
  version: number
  name: string
  sql: string
  run?: (db: Db) => void
}

/**
 * Stations get the unit they belong to (`stationUnitFor`: the unit their 管理单位 names, else the
 * township their district or address names, else the top of the tree), and each problem report
 * its station's unit. CloudBase: migrations/003-station-units.ts does the same.
 */
function assignStationUnits(db: Db): void {
  const units = db.prepare(`SELECT id, parent_id AS parentId, json_extract(doc, '$.name') AS name FROM org_units ORDER BY id`).all() as { id: string; parentId: string | null; name: string }[]
  const top = units.find((u) => u.parentId === null)?.id ?? ''
  const update = db.prepare(`UPDATE stations SET unit_id = ?, doc = json_set(doc, '$.unitId', ?) WHERE id = ?`)
  for (const { id, doc } of db.prepare('SELECT id, doc FROM stations').all() as { id: string; doc: string }[]) {
    const unitId = stationUnitFor(JSON.parse(doc) as { unitName: string; district: string; address: string }, units, top)
    update.run(unitId, unitId, id)
  }
  db.exec(`
    UPDATE problem_reports SET unit_id = coalesce((SELECT unit_id FROM stations WHERE stations.id = json_extract(problem_reports.doc, '$.stationId')), '');
    UPDATE problem_reports SET doc = json_set(doc, '$.unitId', unit_id);
  `)
}

/** Schema migrations, applied in order once each. Never edit a shipped one: add the next. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'applications, claims, counters, idempotency, audit, staff, units',
    sql: `
      CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        applicant_openid TEXT NOT NULL,
        unit_id TEXT NOT NULL,
        status TEXT NOT NULL,
        version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX applications_by_applicant ON applications (applicant_openid, created_at DESC);
      CREATE INDEX applications_by_unit_status ON applications (unit_id, status, updated_at);
      CREATE TABLE claims (key TEXT PRIMARY KEY, holder TEXT NOT NULL);
      CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
      CREATE TABLE idempotency (key TEXT PRIMARY KEY, reply TEXT NOT NULL, at TEXT NOT NULL);
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE TABLE staff (openid TEXT PRIMARY KEY, doc TEXT NOT NULL);
      CREATE TABLE org_units (id TEXT PRIMARY KEY, parent_id TEXT, doc TEXT NOT NULL);
      CREATE INDEX org_units_by_parent ON org_units (parent_id);
    `,
  },
  {
    version: 2,
    name: 'policies',
    sql: `CREATE TABLE policies (unit_id TEXT PRIMARY KEY, doc TEXT NOT NULL);`,
  },
  {
    version: 3,
    name: 'stations with an R*Tree kept in step by triggers, problem reports',
    sql: `
      CREATE TABLE stations (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        external_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        amenity_mask INTEGER NOT NULL,
        lng REAL NOT NULL,
        lat REAL NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE VIRTUAL TABLE stations_rtree USING rtree(rid, min_lng, max_lng, min_lat, max_lat);
      CREATE TRIGGER stations_rtree_insert AFTER INSERT ON stations BEGIN
        INSERT INTO stations_rtree VALUES (new.rid, new.lng, new.lng, new.lat, new.lat);
      END;
      CREATE TRIGGER stations_rtree_update AFTER UPDATE OF lng, lat ON stations BEGIN
        UPDATE stations_rtree SET min_lng = new.lng, max_lng = new.lng, min_lat = new.lat, max_lat = new.lat WHERE rid = new.rid;
      END;
      CREATE TRIGGER stations_rtree_delete AFTER DELETE ON stations BEGIN
        DELETE FROM stations_rtree WHERE rid = old.rid;
      END;
      CREATE TABLE problem_reports (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX problem_reports_by_status ON problem_reports (status, created_at DESC, id DESC);
    `,
  },
  {
    version: 4,
    name: 'outbox and in-app messages',
    sql: `
      CREATE TABLE outbox (
        key TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        next_attempt_at TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        openid TEXT NOT NULL,
        created_at TEXT NOT NULL,
        read_at TEXT,
        doc TEXT NOT NULL
      );
      CREATE INDEX messages_by_openid ON messages (openid, created_at DESC, id DESC);
      CREATE INDEX messages_unread ON messages (openid, read_at);
    `,
  },
  {
    version: 5,
    name: 'staff by unit, unit subtrees, invitations, rate limits',
    sql: `
      ALTER TABLE staff ADD COLUMN unit_id TEXT;
      UPDATE staff SET unit_id = json_extract(doc, '$.unitId');
      CREATE INDEX staff_by_unit ON staff (unit_id, openid);
      ALTER TABLE org_units ADD COLUMN path_key TEXT;
      UPDATE org_units SET path_key = '/' || (SELECT group_concat(value, '/') FROM json_each(org_units.doc, '$.path')) || '/';
      CREATE INDEX org_units_by_path ON org_units (path_key);
      CREATE TABLE invitations (
        id TEXT PRIMARY KEY,
        unit_id TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        doc TEXT NOT NULL
      );
      CREATE INDEX invitations_by_unit ON invitations (unit_id, created_at DESC, id DESC);
      CREATE TABLE rate_limits (key TEXT PRIMARY KEY, doc TEXT NOT NULL);
    `,
  },
  {
    version: 6,
    name: 'review queue columns, households',
    sql: `
      ALTER TABLE applications ADD COLUMN name TEXT;
      ALTER TABLE applications ADD COLUMN due_sort TEXT;
      ALTER TABLE applications ADD COLUMN notice_ends_at TEXT;
      UPDATE applications SET name = json_extract(doc, '$.name'), due_sort = coalesce(json_extract(doc, '$.dueAt'), '9999-12-31T23:59:59.999Z');
      CREATE INDEX applications_queue ON applications (status, unit_id, due_sort, id);
      CREATE INDEX applications_by_name ON applications (name, unit_id, created_at DESC);
      CREATE INDEX applications_notice_end ON applications (status, notice_ends_at);
      CREATE TABLE households (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX households_by_unit ON households (unit_id, status);
    `,
  },
  {
    version: 7,
    name: 'household lists and search, measures, ledger, contacts, campaigns, checks, stations by kind',
    sql: `
      ALTER TABLE households ADD COLUMN number TEXT;
      ALTER TABLE households ADD COLUMN head_name TEXT;
      UPDATE households SET number = json_extract(doc, '$.number'), head_name = json_extract(doc, '$.headName');
      CREATE INDEX households_list ON households (unit_id, status, number, id);
      CREATE INDEX households_by_number ON households (number);
      CREATE INDEX households_by_head_name ON households (head_name, unit_id);
      CREATE TABLE measures (id TEXT PRIMARY KEY, household_id TEXT NOT NULL, created_at TEXT NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX measures_by_household ON measures (household_id, created_at, id);
      CREATE TABLE disbursements (id TEXT PRIMARY KEY, household_id TEXT NOT NULL, unit_id TEXT NOT NULL, paid_on TEXT NOT NULL, created_at TEXT NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX disbursements_by_household ON disbursements (household_id, created_at, id);
      CREATE INDEX disbursements_by_unit ON disbursements (unit_id, paid_on, id);
      CREATE TRIGGER disbursements_no_update BEFORE UPDATE ON disbursements BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
      CREATE TRIGGER disbursements_no_delete BEFORE DELETE ON disbursements BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
      CREATE TABLE contacts (id TEXT PRIMARY KEY, household_id TEXT NOT NULL, contact_on TEXT NOT NULL, created_at TEXT NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX contacts_by_household ON contacts (household_id, contact_on DESC, created_at DESC, id DESC);
      CREATE TABLE campaigns (id TEXT PRIMARY KEY, starts_on TEXT NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX campaigns_newest ON campaigns (starts_on DESC, id DESC);
      CREATE TABLE checks (id TEXT PRIMARY KEY, campaign_id TEXT NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX checks_by_campaign ON checks (campaign_id, id);
      CREATE INDEX stations_by_kind ON stations (kind, status);
    `,
  },
  {
    version: 8,
    name: 'subscribe-message acceptances, client uploads awaiting registration',
    sql: `
      CREATE TABLE subscriptions (
        template_id TEXT NOT NULL,
        openid TEXT NOT NULL,
        kind TEXT NOT NULL,
        remaining INTEGER NOT NULL CHECK (remaining >= 0),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (template_id, openid)
      );
      CREATE INDEX subscriptions_holders ON subscriptions (kind, openid, remaining);
      CREATE TABLE uploads (key TEXT PRIMARY KEY, created_at TEXT NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX uploads_by_age ON uploads (created_at, key);
    `,
  },
  {
    version: 9,
    name: 'ledger approvals (existing entries approved under the old rule), budgets',
    // An entry's facts stay in `doc`, never rewritten after this; the decision lives beside it, and
    // the trigger lets it be written once, from pending. Entries recorded before this named their
    // approver, so they are approved by that person, as of when they were recorded.
    sql: `
      DROP TRIGGER disbursements_no_update;
      ALTER TABLE disbursements ADD COLUMN status TEXT NOT NULL DEFAULT 'pending';
      ALTER TABLE disbursements ADD COLUMN decision TEXT;
      ALTER TABLE disbursements ADD COLUMN recorded_by TEXT NOT NULL DEFAULT '';
      UPDATE disbursements SET
        status = 'approved',
        decision = json_object('status', 'approved', 'by', coalesce(json_extract(doc, '$.approvedBy'), ''),
          'byName', coalesce(json_extract(doc, '$.approvedByName'), ''), 'at', json_extract(doc, '$.createdAt'), 'note', '', 'legacy', json('true')),
        recorded_by = json_extract(doc, '$.recordedBy'),
        doc = json_set(json_remove(doc, '$.approvedBy', '$.approvedByName', '$.status', '$.decision'), '$.budgetId', json('null'));
      CREATE TRIGGER disbursements_decided_once BEFORE UPDATE ON disbursements
      WHEN NOT (old.status = 'pending' AND new.status IN ('approved', 'rejected') AND new.decision IS NOT NULL
        AND new.id IS old.id AND new.household_id IS old.household_id AND new.unit_id IS old.unit_id AND new.paid_on IS old.paid_on
        AND new.created_at IS old.created_at AND new.recorded_by IS old.recorded_by AND new.doc IS old.doc)
      BEGIN SELECT RAISE(ABORT, 'the ledger is append-only: only a pending entry takes a decision, once'); END;
      CREATE INDEX disbursements_pending ON disbursements (unit_id, created_at, id) WHERE status = 'pending';
      CREATE TABLE budgets (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, year INTEGER NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX budgets_by_unit ON budgets (unit_id, year);
    `,
  },
  {
    version: 10,
    name: 'stations and problem reports belong to a unit',
    sql: `
      ALTER TABLE stations ADD COLUMN unit_id TEXT NOT NULL DEFAULT '';
      CREATE INDEX stations_by_unit ON stations (unit_id, id);
      ALTER TABLE problem_reports ADD COLUMN unit_id TEXT NOT NULL DEFAULT '';
      CREATE INDEX problem_reports_by_unit ON problem_reports (status, unit_id, created_at DESC, id DESC);
    `,
    run: assignStationUnits,
  },
  {
    version: 11,
    name: 'audit streams: one hash chain per record, and anchors of their heads',
    // The union's one chain before this becomes the stream `legacy`, unchanged (its hashes do not
    // cover a stream); new events chain per record. CloudBase's 004-audit-streams does the same.
    sql: `
      CREATE TABLE audit_streams (
        stream TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (stream, seq)
      ) WITHOUT ROWID;
      INSERT INTO audit_streams (stream, seq, at, actor, action, subject, detail, prev_hash, hash)
        SELECT 'legacy', seq, at, actor, action, subject, detail, prev_hash, hash FROM audit_events;
      DROP TABLE audit_events;
      ALTER TABLE audit_streams RENAME TO audit_events;
      CREATE INDEX audit_events_by_time ON audit_events (at, stream);
      CREATE TABLE audit_anchors (n INTEGER PRIMARY KEY, at TEXT NOT NULL, heads TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
    `,
  },
  {
    version: 12,
    name: 'take-over codes among the invitations, 电话联系 tasks, returned cases by deadline',
    sql: `
      ALTER TABLE invitations ADD COLUMN kind TEXT NOT NULL DEFAULT 'staff';
      DROP INDEX invitations_by_unit;
      CREATE INDEX invitations_by_unit ON invitations (kind, unit_id, created_at DESC, id DESC);
      CREATE TABLE call_tasks (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, status TEXT NOT NULL, opened_at TEXT NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX call_tasks_open ON call_tasks (status, unit_id, opened_at, id);
      CREATE INDEX applications_by_status_due ON applications (status, due_sort, id);
    `,
  },
  KEY_VERSIONS_MIGRATION,
  {
    version: 15,
    name: "a caseworker's 代为申请 drafts by typist",
    sql: `
      ALTER TABLE applications ADD COLUMN typist_openid TEXT;
      UPDATE applications SET typist_openid = json_extract(doc, '$.typedBy.openid');
      CREATE INDEX applications_by_typist ON applications (typist_openid, status, updated_at DESC, id DESC);
    `,
  },
  FIGURES_MIGRATION,
  UNIT_SCOPES_MIGRATION,
  {
    version: 18,
    name: 'the submitted form stored once: the current submission keeps no copy of the record\'s form',
    // Every write of `formSealed` (a submit, a resubmit, an import, a key rotation) writes the last
    // submission's form with it, so the two hold the same form. The key_version column may now
    // name an older key than the record still uses: a rotation then revisits it, harmlessly.
    // CloudBase's 012-form-once does the same.
    sql: `
      UPDATE applications SET doc = json_remove(doc, '$.submissions[#-1].formSealed')
        WHERE json_extract(doc, '$.formSealed') IS NOT NULL AND json_extract(doc, '$.submissions[#-1].formSealed') IS NOT NULL;
    `,
  },
  {
    version: 19,
    name: 'measures of households deregistered before it end with them',
    // Deregistration now ends a household's running measures; those deregistered earlier catch up.
    // CloudBase's 009-ended-measures does the same.
    sql: `
      UPDATE measures
        SET version = version + 1,
            doc = json_set(doc, '$.status', 'ended', '$.version', version + 1)
        WHERE json_extract(doc, '$.status') IN ('planned', 'in-progress')
          AND household_id IN (SELECT id FROM households WHERE status = 'deregistered');
    `,
  },
  {
    version: 22,
    name: 'the retention schedule: applications by status and last change (abandoned drafts, closed applications)',
    sql: `
      CREATE INDEX applications_by_status_updated ON applications (status, updated_at, id);
    `,
  },
  {
    version: 40,
    name: 'the retention schedule for every kind of personal record: the scans of messages, stored replies, closed requests, contact notes and deregistered households',
    // Each partial index holds only what a pass may still delete, so a scan reads the due ones
    // first however many are already done. Applications' call notes use applications_by_status_updated.
    // CloudBase declares the same indexes with its collections (the deploy plan creates them).
    sql: `
      CREATE INDEX messages_by_created ON messages (created_at, id);
      CREATE INDEX idempotency_by_at ON idempotency (at, key);
      CREATE INDEX person_requests_closed ON person_requests (json_extract(doc, '$.closedAt'), id) WHERE status != 'open';
      CREATE INDEX contacts_notes_kept ON contacts (created_at, id) WHERE json_extract(doc, '$.notesPurgedAt') IS NULL;
      CREATE INDEX households_deregistered ON households (json_extract(doc, '$.updatedAt'), id) WHERE status = 'deregistered' AND json_extract(doc, '$.documentsPurgedAt') IS NULL;
    `,
  },
  {
    version: 42,
    name: 'export jobs: an export of any size written in parts, each saving where the next starts',
    // CloudBase declares the same collection and indexes (export-job-repository.ts; the deploy plan creates them).
    sql: `
      CREATE TABLE export_jobs (id TEXT PRIMARY KEY, state TEXT NOT NULL, lease_until TEXT NOT NULL, expires_at TEXT NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX export_jobs_due ON export_jobs (state, lease_until, id);
      CREATE INDEX export_jobs_expiry ON export_jobs (expires_at, id);
    `,
  },
  {
    version: 43,
    name: 'evidence photos of households (户户清 items answered 有变化, deregistration proposals), and every recorded item says whether it changed',
    // Items recorded before an item could be answered 有变化 were answered 核实清楚 or 未核实清楚:
    // none of them changed. CloudBase's 015-item-changed does the same to its checks.
    sql: `
      CREATE TABLE household_evidence (id TEXT PRIMARY KEY, household_id TEXT NOT NULL, uploaded_at TEXT NOT NULL, doc TEXT NOT NULL);
      CREATE INDEX household_evidence_by_household ON household_evidence (household_id, uploaded_at, id);
      UPDATE checks SET doc = (
        SELECT json_set(checks.doc, '$.items', json_group_object(item.key, CASE WHEN json_type(item.value, '$.changed') IS NULL THEN json_set(item.value, '$.changed', json('false')) ELSE json(item.value) END))
          FROM json_each(checks.doc, '$.items') AS item
      ) WHERE EXISTS (SELECT 1 FROM json_each(checks.doc, '$.items'));
    `,
  },
  {
    version: 44,
    name: "a person's latest uploads, for the upload rate limit (the upload records themselves, kept until the sweep)",
    // CloudBase declares the same index with the uploads collection (the deploy plan creates it).
    sql: `
      CREATE INDEX uploads_by_person ON uploads (json_extract(doc, '$.openid'), created_at, key);
    `,
  },
  UNIT_LISTS_MIGRATION,
  CONTACT_CLOCKS_MIGRATION,
  LIST_TALLIES_MIGRATION,
  PERSON_REQUEST_LISTS_MIGRATION,
  REPORT_LISTS_MIGRATION,
  LEDGER_LISTS_MIGRATION,
  CAMPAIGN_LISTS_MIGRATION,
  STATION_LISTS_MIGRATION,
  BUDGET_IDS_MIGRATION,
  HOUSEHOLD_SCANS_MIGRATION,
  LEDGER_TALLIES_MIGRATION,
  LEDGER_EXPORT_MIGRATION,
  SUBMIT_INDEXES_MIGRATION,
  LEDGER_READS_MIGRATION,
  BOUNDED_PAIRS_MIGRATION,
  STATUS_COUNTS_MIGRATION,
  FIGURE_CELLS_MIGRATION,
]

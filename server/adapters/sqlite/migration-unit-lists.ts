import type { Migration } from './migrations'

/**
 * The deadline's prefixes the queue's tallies are kept by: the whole (length 0: the stage's
 * total), the year, the month, the ten days, the day, the ten hours, the hour. How many cases of a
 * stage were due before `now` is then a sum of at most a few dozen rows (the buckets before now's
 * at each length, within now's bucket one length up) and the entries of the current hour, whatever
 * the date, however many cases and units.
 */
export const TALLY_LENGTHS = [0, 4, 7, 9, 10, 12, 13] as const

/**
 * A list of records read under any unit, in one order: the table it reads (with `unit_id` and
 * `id` columns), which rows it holds and what it is sorted by (SQL over a row alias).
 */
export interface UnitList {
  table: string
  /** The table's key column (default `id`). */
  key?: string
  holds: (row: string) => string
  sort: (row: string) => string
  /** Read newest first: pages walk the entries backwards. */
  desc?: boolean
}

/** The lists kept under every unit above their records' unit (name -> list). Never rename a shipped one. */
export const UNIT_LISTS = {
  /** 电话联系: the open call tasks, oldest first. */
  calls: { table: 'call_tasks', holds: (r) => `${r}.status = 'open'`, sort: (r) => `${r}.opened_at` },
  /** 公示: the cases under a notice (an objection or the notice's end clears its end), the earliest to end first. */
  notices: { table: 'applications', holds: (r) => `${r}.status = 'publicizing' AND ${r}.notice_ends_at IS NOT NULL`, sort: (r) => `${r}.notice_ends_at` },
  /** The admin's staff list, by openid. */
  staff: { table: 'staff', key: 'openid', holds: () => '1', sort: (r) => `${r}.openid` },
  /** The admin's staff invitations, newest first. */
  invitations: { table: 'invitations', holds: (r) => `${r}.kind = 'staff'`, sort: (r) => `${r}.created_at`, desc: true },
} as const satisfies Record<string, UnitList>

/** Lists added by migration 48 (person requests), kept the same way. Never rename a shipped one. */
export const UNIT_LISTS_48 = {
  /** 个人信息请求: the open requests, the soonest due first. */
  personRequests: { table: 'person_requests', holds: (r) => `${r}.status = 'open'`, sort: (r) => `${r}.due_on` },
} as const satisfies Record<string, UnitList>

/** Lists added by migration 49 (stations' problem reports, one list per status, newest first). Never rename a shipped one. */
export const UNIT_LISTS_49 = {
  reportsPending: { table: 'problem_reports', holds: (r) => `${r}.status = 'pending'`, sort: (r) => `${r}.created_at`, desc: true },
  reportsResolved: { table: 'problem_reports', holds: (r) => `${r}.status = 'resolved'`, sort: (r) => `${r}.created_at`, desc: true },
  reportsRejected: { table: 'problem_reports', holds: (r) => `${r}.status = 'rejected'`, sort: (r) => `${r}.created_at`, desc: true },
} as const satisfies Record<string, UnitList>

/** Lists added by migration 50 (the ledger's entries waiting for a reviewer, oldest first). Never rename a shipped one. */
export const UNIT_LISTS_50 = {
  ledgerPending: { table: 'disbursements', holds: (r) => `${r}.status = 'pending'`, sort: (r) => `${r}.created_at` },
} as const satisfies Record<string, UnitList>

/** Lists added by migration 53 (the admin's stations of a jurisdiction, in id order). Never rename a shipped one. */
export const UNIT_LISTS_53 = {
  stations: { table: 'stations', holds: () => '1', sort: (r) => `${r}.id` },
} as const satisfies Record<string, UnitList>

const ALL_UNIT_LISTS = { ...UNIT_LISTS, ...UNIT_LISTS_48, ...UNIT_LISTS_49, ...UNIT_LISTS_50, ...UNIT_LISTS_53 }

const keyOf = (l: UnitList) => l.key ?? 'id'

export type UnitListName = keyof typeof ALL_UNIT_LISTS

/** A page of a list under a unit, after (sort, id); the entries' primary key serves range and order. */
export const unitListPage = (name: UnitListName) => {
  const l: UnitList = ALL_UNIT_LISTS[name]
  const [op, dir] = l.desc ? ['<', ' DESC'] : ['>', '']
  return `SELECT r.doc FROM list_entries e JOIN ${l.table} r ON r.${keyOf(l)} = e.id WHERE e.list = '${name}' AND e.ancestor_id = ? AND (e.sort, e.id) ${op} (?, ?) ORDER BY e.sort${dir}, e.id${dir} LIMIT ?`
}
/** Where a first page starts: before every entry, or (newest first) after every one. */
export const unitListStart = (name: UnitListName) => ((ALL_UNIT_LISTS[name] as UnitList).desc ? '\uffff' : '')
/** How many records a list holds under a unit (a kept count). */
export const unitListCount = (name: UnitListName) => `SELECT coalesce((SELECT n FROM list_counts WHERE list = '${name}' AND ancestor_id = ?), 0)`

/** The entries of `row` (a table's row alias, or NEW) under every unit of `path` (a JSON path expression). */
const listEntries = (name: string, l: UnitList, row: string, from: string, path: string) =>
  `INSERT INTO list_entries (list, ancestor_id, sort, id) SELECT '${name}', p.value, ${l.sort(row)}, ${row}.${keyOf(l)} FROM ${from}, json_each(${path}) p WHERE ${l.holds(row)}`

/**
 * Triggers that keep one list's entries as its records and the units change, and its backfill.
 * `tag` names the record table's triggers apart where one table keeps several lists.
 */
export function listSql(name: string, l: UnitList, tag = ''): string {
  const t = l.table
  const fresh = listEntries(name, l, 'NEW', 'org_units o', "o.doc, '$.path'") + ' AND o.id = NEW.unit_id'
  const ofUnit = (u: string) => `
      DELETE FROM list_entries WHERE list = '${name}' AND id IN (SELECT ${keyOf(l)} FROM ${t} r WHERE r.unit_id = ${u}.id);
      ${listEntries(name, l, 'r', `${t} r`, `${u}.doc, '$.path'`)} AND r.unit_id = ${u}.id;`
  return `
    CREATE TRIGGER ${t}_listed${tag} AFTER INSERT ON ${t} BEGIN ${fresh}; END;
    CREATE TRIGGER ${t}_relisted${tag} AFTER UPDATE ON ${t}
      WHEN OLD.unit_id IS NOT NEW.unit_id OR (${l.holds('OLD')}) IS NOT (${l.holds('NEW')}) OR ${l.sort('OLD')} IS NOT ${l.sort('NEW')} BEGIN
      DELETE FROM list_entries WHERE list = '${name}' AND id = OLD.${keyOf(l)};
      ${fresh};
    END;
    CREATE TRIGGER ${t}_unlisted${tag} AFTER DELETE ON ${t} BEGIN DELETE FROM list_entries WHERE list = '${name}' AND id = OLD.${keyOf(l)}; END;
    CREATE TRIGGER org_units_created_${name} AFTER INSERT ON org_units BEGIN ${ofUnit('NEW')}
    END;
    CREATE TRIGGER org_units_moved_${name} AFTER UPDATE OF path_key ON org_units WHEN OLD.path_key IS NOT NEW.path_key BEGIN ${ofUnit('NEW')}
    END;
    ${listEntries(name, l, 'r', `${t} r JOIN org_units o ON o.id = r.unit_id`, "o.doc, '$.path'")};`
}

const buckets = (due: string) => `(VALUES ${TALLY_LENGTHS.map((n) => `(${n}, substr(${due}, 1, ${n}))`).join(', ')})`

/**
 * Migration 45 (issue 14): lists of a jurisdiction of any size, and counts of a stage from a
 * handful of rows.
 * - The lists of UNIT_LISTS keep an entry per record and unit above its unit (as migration 17 does
 *   for the queue), so a page under any unit is one range of the entries' key in the list's order,
 *   and its count one row; triggers keep them as records change and units are created or moved.
 * - Migration 17's counters by due day made a province's counts sum some 300 rows per view; the
 *   tallies by prefix of the deadline replace them (kept by triggers on the queue's entries, so a
 *   case that changes stage or deadline, and a unit that moves, re-roll them with the entries).
 */
export const UNIT_LISTS_MIGRATION: Migration = {
  version: 45,
  name: "lists under any unit (call tasks, notices, staff, invitations), the queue's counts by prefix of the deadline",
  sql: `
    DROP TRIGGER queue_entries_counted;
    DROP TRIGGER queue_entries_uncounted;
    DROP TABLE queue_counts;
    CREATE TABLE queue_tallies (ancestor_id TEXT NOT NULL, status TEXT NOT NULL, len INTEGER NOT NULL, bucket TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (ancestor_id, status, len, bucket)) WITHOUT ROWID;
    CREATE TRIGGER queue_entries_tallied AFTER INSERT ON queue_entries BEGIN
      INSERT INTO queue_tallies (ancestor_id, status, len, bucket, n) SELECT NEW.ancestor_id, NEW.status, b.column1, b.column2, 1 FROM ${buckets('NEW.due_sort')} b WHERE true
        ON CONFLICT (ancestor_id, status, len, bucket) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER queue_entries_untallied AFTER DELETE ON queue_entries BEGIN
      UPDATE queue_tallies SET n = n - 1 WHERE ancestor_id = OLD.ancestor_id AND status = OLD.status AND (len, bucket) IN ${buckets('OLD.due_sort')};
      DELETE FROM queue_tallies WHERE ancestor_id = OLD.ancestor_id AND status = OLD.status AND (len, bucket) IN ${buckets('OLD.due_sort')} AND n <= 0;
    END;

    CREATE TABLE list_entries (list TEXT NOT NULL, ancestor_id TEXT NOT NULL, sort TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (list, ancestor_id, sort, id)) WITHOUT ROWID;
    CREATE INDEX list_entries_by_id ON list_entries (list, id);
    CREATE TABLE list_counts (list TEXT NOT NULL, ancestor_id TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (list, ancestor_id)) WITHOUT ROWID;
    CREATE TRIGGER list_entries_counted AFTER INSERT ON list_entries BEGIN
      INSERT INTO list_counts (list, ancestor_id, n) VALUES (NEW.list, NEW.ancestor_id, 1) ON CONFLICT (list, ancestor_id) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER list_entries_uncounted AFTER DELETE ON list_entries BEGIN
      UPDATE list_counts SET n = n - 1 WHERE list = OLD.list AND ancestor_id = OLD.ancestor_id;
    END;
    ${Object.entries(UNIT_LISTS).map(([name, l]) => listSql(name, l)).join('\n')}

    ${TALLY_LENGTHS.map(
      (n) => `INSERT INTO queue_tallies (ancestor_id, status, len, bucket, n) SELECT ancestor_id, status, ${n}, substr(due_sort, 1, ${n}), count(*) FROM queue_entries GROUP BY ancestor_id, status, substr(due_sort, 1, ${n});`,
    ).join('\n    ')}
  `,
}

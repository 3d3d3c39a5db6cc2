import type { Migration } from './migrations'
import { TALLY_LENGTHS } from './migration-unit-lists'

/** The lists (of UNIT_LISTS) whose entries are also tallied by prefix of their sort (an ISO instant). */
export const TALLIED_LISTS = ['notices'] as const

/** The prefix lengths of the tallies: the year down to the hour (a list's total is its kept count). */
const LENGTHS = TALLY_LENGTHS.filter((n) => n > 0)
const last = LENGTHS[LENGTHS.length - 1]
const IN_TALLIED = `(${TALLIED_LISTS.map((l) => `'${l}'`).join(', ')})`
const buckets = (sort: string) => `(VALUES ${LENGTHS.map((n) => `(${n}, substr(${sort}, 1, ${n}))`).join(', ')})`

/**
 * How many entries of a tallied list under a unit sort at or before an instant (named parameters
 * of `tallyParams`): at each length the buckets before the instant's within its bucket one length
 * up (the years before its year, its year's months before its month, ...), then the entries of its
 * hour up to it. At most a few dozen rows, however many entries.
 */
export const LIST_SORTED_BY_SQL = `SELECT coalesce((${[
  ...LENGTHS.map(
    (n, i) =>
      `SELECT sum(n) FROM list_tallies WHERE list = @list AND ancestor_id = @under AND len = ${n} AND bucket >= ${i === 0 ? "''" : `@p${LENGTHS[i - 1]}`} AND bucket < @p${n}`,
  ),
  `SELECT count(*) FROM list_entries WHERE list = @list AND ancestor_id = @under AND sort >= @p${last} AND sort <= @at`,
]
  .map((q) => `coalesce((${q}), 0)`)
  .join(' + ')}), 0)`

/** The named parameters of LIST_SORTED_BY_SQL. */
export const tallyParams = (list: (typeof TALLIED_LISTS)[number], under: string, at: string): Record<string, string> => ({
  list,
  under,
  at,
  ...Object.fromEntries(LENGTHS.map((n) => [`p${n}`, at.slice(0, n)])),
})

/**
 * Migration 47 (issue 14): the 公示 list's count without counting entries. The running notices
 * under a unit are its kept count less those that ended and the timer has not yet recorded; that
 * second number was a count of the list's entries up to now, which grows with the notices waiting
 * (6.4x for 10x data in `npm run bench:queues`). Tallies by prefix of the notice's end (year,
 * month, ten days, day, ten hours, hour), kept by triggers on the list's entries (so a unit that
 * moves re-rolls them with the entries), make it a sum of a few dozen rows, as migration 45 did for
 * the queue's overdue counts.
 */
export const LIST_TALLIES_MIGRATION: Migration = {
  version: 47,
  name: "the 公示 list's count from tallies by prefix of the notices' end",
  sql: `
    CREATE TABLE list_tallies (list TEXT NOT NULL, ancestor_id TEXT NOT NULL, len INTEGER NOT NULL, bucket TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (list, ancestor_id, len, bucket)) WITHOUT ROWID;
    CREATE TRIGGER list_entries_tallied AFTER INSERT ON list_entries WHEN NEW.list IN ${IN_TALLIED} BEGIN
      INSERT INTO list_tallies (list, ancestor_id, len, bucket, n) SELECT NEW.list, NEW.ancestor_id, b.column1, b.column2, 1 FROM ${buckets('NEW.sort')} b WHERE true
        ON CONFLICT (list, ancestor_id, len, bucket) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER list_entries_untallied AFTER DELETE ON list_entries WHEN OLD.list IN ${IN_TALLIED} BEGIN
      UPDATE list_tallies SET n = n - 1 WHERE list = OLD.list AND ancestor_id = OLD.ancestor_id AND (len, bucket) IN ${buckets('OLD.sort')};
      DELETE FROM list_tallies WHERE list = OLD.list AND ancestor_id = OLD.ancestor_id AND (len, bucket) IN ${buckets('OLD.sort')} AND n <= 0;
    END;
    ${LENGTHS.map(
      (n) =>
        `INSERT INTO list_tallies (list, ancestor_id, len, bucket, n) SELECT list, ancestor_id, ${n}, substr(sort, 1, ${n}), count(*) FROM list_entries WHERE list IN ${IN_TALLIED} GROUP BY list, ancestor_id, substr(sort, 1, ${n});`,
    ).join('\n    ')}
  `,
}

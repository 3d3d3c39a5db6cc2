import type { Migration } from './migrations'
import { listSql, UNIT_LISTS_49 } from './migration-unit-lists'

/**
 * Migration 49 (issue 14): the stations' problem reports of a jurisdiction of any size. They took
 * a list of the jurisdiction's unit ids (CloudBase refused more than 1,000); now each report keeps
 * an entry under every unit above its station's unit in the list of its status (migration 45's
 * list_entries, counts and triggers), so a page is one range of the entries' key, newest first,
 * and its count one row.
 */
export const REPORT_LISTS_MIGRATION: Migration = {
  version: 49,
  name: "the stations' problem reports as lists by status under every unit above theirs",
  sql: Object.entries(UNIT_LISTS_49)
    .map(([name, l]) => listSql(name, l, `_${name}`))
    .join('\n'),
}

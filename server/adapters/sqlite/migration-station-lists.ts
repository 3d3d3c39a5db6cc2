import type { Migration } from './migrations'
import { listSql, UNIT_LISTS_53 } from './migration-unit-lists'

/**
 * Migration 53 (issue 14): the admin's stations of a jurisdiction of any size. The list took the
 * jurisdiction's unit ids (refused beyond 1,000 units); now each station keeps an entry under every
 * unit above its unit (migration 45's list_entries, with its counts and triggers), so a page is one
 * range of the entries' key in id order, and its count one row.
 */
export const STATION_LISTS_MIGRATION: Migration = {
  version: 53,
  name: 'the stations as a list under every unit above theirs',
  sql: Object.entries(UNIT_LISTS_53)
    .map(([name, l]) => listSql(name, l))
    .join('\n'),
}

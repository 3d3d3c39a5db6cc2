import type { Migration } from './migrations'
import { listSql, UNIT_LISTS_48 } from './migration-unit-lists'

/**
 * Migration 48 (issue 14): the open person requests of a jurisdiction of any size. They took a
 * list of the jurisdiction's unit ids (CloudBase refused more than 1,000); now each open request
 * keeps an entry under every unit above its unit (migration 45's list_entries, with its counts and
 * triggers), so a page is one range of the entries' key, the soonest due first, and its count one row.
 */
export const PERSON_REQUEST_LISTS_MIGRATION: Migration = {
  version: 48,
  name: 'the open person requests as a list under every unit above theirs',
  sql: Object.entries(UNIT_LISTS_48)
    .map(([name, l]) => listSql(name, l))
    .join('\n'),
}

import type { Migration } from './migrations'

/**
 * Migration 54 (issue 14): the ledger export names each entry's household by its file number and
 * head's name. It read whole households by id in the order the entries were paid: at 100,000
 * households (a 2 GB file) nearly every one a page outside SQLite's cache and memory map, so the
 * read grew 14x for 10x the entries. An index holding just the id, number and name (some 60 bytes a
 * household, 6 MB at 100,000) answers the same lookups from a few cached pages. The columns are
 * written with every household since migration 7. CloudBase reads the two fields of the same
 * documents by `_id`: nothing to change there.
 */
export const HOUSEHOLD_NAMES_MIGRATION: Migration = {
  version: 54,
  name: "households' file numbers and heads' names by id, for the ledger export",
  sql: 'CREATE INDEX households_names ON households (id, number, head_name);',
}

/** The numbers and heads' names of a list of households (a JSON array of ids), from migration 54's index alone. */
export const HOUSEHOLD_NAMES_SQL = 'SELECT id, number, head_name AS headName FROM households INDEXED BY households_names WHERE id IN (SELECT value FROM json_each(?))'

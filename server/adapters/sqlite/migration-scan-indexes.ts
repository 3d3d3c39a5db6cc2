import type { Migration } from './migrations'

/**
 * Migration 51 (issue 14): budgets are read by id only (a unit's are `budgetIdOf` its id, year
 * and fund source, a page of children at a time), no longer by a list of units and a year, so
 * their index by unit and year only slowed every budget write.
 */
export const BUDGET_IDS_MIGRATION: Migration = {
  version: 51,
  name: 'budgets read by id only (a page of units at a time): their index by unit and year dropped',
  sql: `
    DROP INDEX budgets_by_unit;
  `,
}

/**
 * Migration 57 (issue 14): the household scans (exports, campaigns, the overdue list) read the
 * jurisdiction by its unit path (migration 17's entries, by file number), no longer unit by unit
 * from a list of ids, so the indexes by unit, status and number only slowed every household write.
 * The one by unit and id stays: a moved unit's households are found by it to file them again.
 */
export const HOUSEHOLD_SCANS_MIGRATION: Migration = {
  version: 57,
  name: 'household scans by unit path: the indexes of the scans and lists by unit list dropped',
  sql: `
    DROP INDEX households_scan_by_status;
    DROP INDEX households_list;
  `,
}

import Database from 'better-sqlite3'
import { MIGRATIONS } from '../../server/adapters/sqlite/migrations'
import type { OrgUnitRecord } from '../../server/ports'
import type { DisbursementEntry } from '../../src/domain/ledger'

/**
 * An SQLite file as the release before `version` left it: every migration below it applied and
 * recorded, and the given units of the tree in it. The caller adds the old records, closes it and
 * opens it with `openDatabase`, which runs `version` and what follows.
 */
export function oldDatabase(file: string, version: number, units: readonly OrgUnitRecord[] = []): Database.Database {
  const old = new Database(file)
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  for (const m of MIGRATIONS.filter((m) => m.version < version)) {
    old.exec(m.sql)
    m.run?.(old as never)
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-03-02T02:00:00.000Z')
  }
  const addUnit = old.prepare('INSERT INTO org_units (id, parent_id, path_key, doc) VALUES (?, ?, ?, ?)')
  for (const u of units) addUnit.run(u.id, u.parentId, `/${u.path.join('/')}/`, JSON.stringify(u))
  return old
}

/** Ledger entries as a release since migration 9 stored them (facts in `doc`, status and decision beside). */
export function addOldEntries(old: Database.Database, entries: readonly DisbursementEntry[]): void {
  const add = old.prepare('INSERT INTO disbursements (id, household_id, unit_id, paid_on, created_at, recorded_by, status, decision, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
  for (const { status, decision, ...facts } of entries) add.run(facts.id, facts.householdId, facts.unitId, facts.paidOn, facts.createdAt, facts.recordedBy, status, decision && JSON.stringify(decision), JSON.stringify(facts))
}

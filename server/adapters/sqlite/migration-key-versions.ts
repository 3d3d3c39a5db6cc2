import type { ApplicationRecord, HouseholdRecord } from '../../ports'
import { applicationKeyVersion, householdKeyVersion } from '../keys/key-versions'
import type { Db } from './connection'
import type { Migration } from './migrations'

/** Fills `key_version` of every application and household from its sealed values (all under key 1 until now, or none). */
function fillKeyVersions(db: Db): void {
  const fill = <R>(table: string, versionOf: (r: R) => number) => {
    const update = db.prepare(`UPDATE ${table} SET key_version = ? WHERE id = ?`)
    for (const { id, doc } of db.prepare(`SELECT id, doc FROM ${table}`).all() as { id: string; doc: string }[]) update.run(versionOf(JSON.parse(doc) as R), id)
  }
  fill<ApplicationRecord>('applications', applicationKeyVersion)
  fill<HouseholdRecord>('households', householdKeyVersion)
}

/**
 * Migration 13: each application and household records the oldest data key version its sealed
 * values and keyed hashes depend on, so `npm run rotate-key` finds what is left to rewrite with
 * an index, and stopping it loses nothing (CloudBase: migrations/006-key-versions.ts); and people's
 * requests about their data get their table (CloudBase: the `person_requests` collection deploy creates).
 */
export const KEY_VERSIONS_MIGRATION: Migration = {
  version: 13,
  name: 'records name the oldest data key they depend on; people\'s requests about their data',
  sql: `
    ALTER TABLE applications ADD COLUMN key_version INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX applications_by_key_version ON applications (key_version, id) WHERE key_version > 0;
    ALTER TABLE households ADD COLUMN key_version INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX households_by_key_version ON households (key_version, id) WHERE key_version > 0;
    CREATE TABLE person_requests (id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, status TEXT NOT NULL, due_on TEXT NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL);
    CREATE INDEX person_requests_open ON person_requests (unit_id, due_on, id) WHERE status = 'open';
  `,
  run: fillKeyVersions,
}

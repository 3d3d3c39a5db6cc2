import type { ApplicationRecord, HouseholdRecord } from '../../../ports'
import { applicationKeyVersion, householdKeyVersion } from '../../keys/key-versions'
import { APPLICATIONS, HOUSEHOLDS } from '../collections'
import type { Database, StoredDoc } from '../types'
import { withId } from '../versioned'
import { MIGRATION_BATCH, type CloudbaseMigration } from './migration'

/**
 * Gives each document of `collection` written before key versions its `keyVersion`, read from
 * its own sealed values, a batch at a time; an update guarded on the field's absence, so a run
 * cut short, or racing the app's own writes (which set it), is simply run again.
 */
async function fill(db: Database, collection: string, versionOf: (doc: StoredDoc) => number): Promise<number> {
  const _ = db.command
  let changed = 0
  const seen = new Set<string>()
  for (;;) {
    const { data } = await db.collection(collection).where({ keyVersion: _.exists(false) }).limit(MIGRATION_BATCH).get()
    if (data.length === 0) return changed
    for (const doc of data) {
      if (seen.has(doc._id)) throw new Error(`${collection} ${doc._id}: keyVersion did not take`)
      seen.add(doc._id)
      const { updated } = await db.collection(collection).where({ _id: doc._id, keyVersion: _.exists(false) }).update({ keyVersion: versionOf(doc) })
      changed += updated ?? 0
    }
  }
}

/** Applications and households name the oldest data key they depend on (SQLite: migration 13). */
export const keyVersions: CloudbaseMigration = {
  id: '006-key-versions',
  description: 'applications and households name the oldest data key they depend on, for npm run rotate-key',
  async run({ db, log }) {
    const applications = await fill(db, APPLICATIONS, (doc) => applicationKeyVersion(withId<ApplicationRecord>(doc)))
    const households = await fill(db, HOUSEHOLDS, (doc) => householdKeyVersion(withId<HouseholdRecord>(doc)))
    log?.(`  ${applications} applications and ${households} households given their key version`)
    return { changed: applications + households }
  },
}

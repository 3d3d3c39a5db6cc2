import type { ApplicationRecord, HouseholdRecord } from '../../../ports'
import { applicationKeyVersion, householdKeyVersion } from '../../keys/key-versions'
import { APPLICATIONS, HOUSEHOLDS } from '../collections'
import type { Database, StoredDoc } from '../types'
import { withId } from '../versioned'
import { MIGRATION_BATCH, type CloudbaseMigration } from './migration'

/**
 * Gives each document of `collection` written before `field` existed its value, computed from the
 * document, a batch at a time; an update guarded on the field's absence, so a run cut short, or
 * racing the app's own writes (which set it), is simply run again.
 */
async function fill(db: Database, collection: string, field: string, valueOf: (doc: StoredDoc) => unknown): Promise<number> {
  const _ = db.command
  let changed = 0
  const seen = new Set<string>()
  for (;;) {
    const { data } = await db.collection(collection).where({ [field]: _.exists(false) }).limit(MIGRATION_BATCH).get()
    if (data.length === 0) return changed
    for (const doc of data) {
      if (seen.has(doc._id)) throw new Error(`${collection} ${doc._id}: ${field} did not take`)
      seen.add(doc._id)
      const { updated } = await db.collection(collection).where({ _id: doc._id, [field]: _.exists(false) }).update({ [field]: valueOf(doc) })
      changed += updated ?? 0
    }
  }
}

/**
 * Applications and households name the oldest data key they depend on, and applications carry
 * `documentsPurgedAt` (null: the retention schedule has not deleted their documents), which the
 * timer's query matches on. SQLite: migration 13 (the SQLite query reads the JSON, absent or not).
 */
export const keyVersions: CloudbaseMigration = {
  id: '006-key-versions',
  description: 'applications and households name the oldest data key they depend on (npm run rotate-key); applications say whether the retention schedule deleted their documents',
  async run({ db, log }) {
    const applications = await fill(db, APPLICATIONS, 'keyVersion', (doc) => applicationKeyVersion(withId<ApplicationRecord>(doc)))
    const households = await fill(db, HOUSEHOLDS, 'keyVersion', (doc) => householdKeyVersion(withId<HouseholdRecord>(doc)))
    const purged = await fill(db, APPLICATIONS, 'documentsPurgedAt', () => null)
    log?.(`  ${applications} applications and ${households} households given their key version, ${purged} applications their retention field`)
    return { changed: applications + households + purged }
  },
}

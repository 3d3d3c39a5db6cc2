import { INVITATIONS } from '../collections'
import { MIGRATION_BATCH, type CloudbaseMigration } from './migration'

/**
 * Invitations made before take-over codes shared their collection become staff invitations, so the
 * admin's list (which asks for `kind: 'staff'`) still shows them. SQLite's migration 12 does the
 * same with its column default. The 电话联系 collection is new and needs no data.
 */
export const invitationKinds: CloudbaseMigration = {
  id: '005-invitation-kinds',
  description: 'invitations made before take-over codes are staff invitations',
  async run({ db, log }) {
    const _ = db.command
    let changed = 0
    for (;;) {
      const { data } = await db.collection(INVITATIONS).where({ kind: _.exists(false) }).limit(MIGRATION_BATCH).get()
      for (const doc of data) {
        const { updated } = await db.collection(INVITATIONS).where({ _id: doc._id, kind: _.exists(false) }).update({ kind: 'staff' })
        changed += updated ?? 0
      }
      if (data.length < MIGRATION_BATCH) break
    }
    log?.(`  ${changed} invitations marked as staff invitations`)
    return { changed }
  },
}

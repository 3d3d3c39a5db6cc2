import { CAMPAIGNS } from '../collections'
import { rewritePath } from '../campaign-repository'
import type { Scope } from '../types'
import { MIGRATION_BATCH, type CloudbaseMigration } from './migration'

/**
 * 户户清 campaigns were listed by reading every campaign (at most 1,000) and keeping those whose
 * scope overlaps the caller's subtree; now a campaign keeps every unit on its scope units' paths
 * (`unitPath`, multikey indexed with the start date), campaign by campaign in id order (progress
 * saved after each batch; a path already right is not written again). SQLite's migration 52 keeps
 * the same as entries.
 */
export const campaignLists: CloudbaseMigration = {
  id: '023-campaign-lists',
  description: "campaigns keep their scope units' paths, for the campaigns of a jurisdiction of any size",
  async run({ db, progress, saveProgress, log }) {
    const scope: Scope = { collection: (name) => db.collection(name), command: db.command, inTransaction: false }
    let after = typeof progress?.afterId === 'string' ? progress.afterId : ''
    let changed = 0
    for (;;) {
      const { data } = await db.collection(CAMPAIGNS).where({ _id: db.command.gt(after) }).orderBy('_id', 'asc').limit(MIGRATION_BATCH).get()
      for (const doc of data) changed += await rewritePath(scope, doc)
      if (data.length) {
        after = data[data.length - 1]._id
        await saveProgress?.({ afterId: after })
      }
      if (data.length < MIGRATION_BATCH) break
    }
    log?.(`  ${changed} campaigns given their scope's paths`)
    return { changed }
  },
}

import type { CheckRecord } from '../../../../src/domain/campaign'
import { CHECKS } from '../collections'
import type { Database, StoredDoc } from '../types'
import { MIGRATION_BATCH, type CloudbaseMigration } from './migration'

/** The items with `changed: false` where it is missing, or null when every item says it already. */
function explicit(doc: StoredDoc): CheckRecord['items'] | null {
  const items = (doc.items ?? {}) as CheckRecord['items']
  const missing = Object.values(items).some((i) => i && i.changed === undefined)
  if (!missing) return null
  return Object.fromEntries(Object.entries(items).map(([k, i]) => [k, i && i.changed === undefined ? { ...i, changed: false } : i]))
}

/** One check, at the version read; re-read when the app wrote it meanwhile. 1: changed. */
async function markOne(db: Database, first: StoredDoc): Promise<number> {
  let doc: StoredDoc | undefined = first
  for (let attempt = 0; doc && attempt < 5; attempt++) {
    const items = explicit(doc)
    if (!items) return 0
    const { updated } = await db.collection(CHECKS).where({ _id: doc._id, version: doc.version }).update({ items: db.command.set(items) })
    if (updated === 1) return 1
    doc = (await db.collection(CHECKS).where({ _id: doc._id }).get()).data[0]
  }
  if (doc && explicit(doc)) throw new Error(`checks ${doc._id}: changed by every attempt; run the deploy again`)
  return 0
}

/**
 * A 户户清 item may now be answered 有变化 (with evidence photos, in the new `household_evidence`
 * collection the deploy plan creates); the items recorded before were answered 核实清楚 or
 * 未核实清楚, none of them changed, and now say so (`changed: false`). Every check in _id order, a
 * batch at a time, the last _id done saved as progress; idempotent. SQLite: migration 43.
 */
export const itemChanged: CloudbaseMigration = {
  id: '015-item-changed',
  description: 'every recorded 户户清 item says whether it changed (those recorded before: no)',
  async run({ db, log, progress, saveProgress }) {
    const _ = db.command
    let after = typeof progress?.after === 'string' ? progress.after : null
    let changed = 0
    for (;;) {
      const where = after === null ? {} : { _id: _.gt(after) }
      const { data } = await db.collection(CHECKS).where(where).orderBy('_id', 'asc').limit(MIGRATION_BATCH).get()
      for (const doc of data) changed += await markOne(db, doc)
      if (data.length === 0) break
      after = data[data.length - 1]._id
      await saveProgress?.({ after })
      if (data.length < MIGRATION_BATCH) break
    }
    log?.(`  ${changed} checks say of each item whether it changed`)
    return { changed }
  },
}

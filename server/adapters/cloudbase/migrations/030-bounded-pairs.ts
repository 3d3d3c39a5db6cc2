import { createCloudbaseStore } from '..'
import { FIGURE_MARKS, HOUSEHOLDS } from '../collections'
import { MIGRATION_BATCH, type CloudbaseMigration } from './migration'

/** Households folded per call of the fold. */
const FOLD_BATCH = 100

/**
 * The dashboard's pairs rows keyed by the next payment's month, with a row of each two months by
 * both days (src/domain/figures.ts), instead of by the next payment's full date, which grew with
 * the data and made every ledger write rewrite a row of up to a megabyte at the root. Every
 * household is marked and folded as the timer folds a write: the fold takes the household's
 * snapshot (old keys) off the rows and adds its contribution in the new keys, under the fold's own
 * version check, so a write or the timer's fold at the same time is safe, and a run cut short is
 * run again (a household already folded in the new keys folds to no change). SQLite: migration 59.
 */
export const boundedPairs: CloudbaseMigration = {
  id: '030-bounded-pairs',
  description: "the dashboard's pairs rows bounded by the calendar (keyed by month), refolded from every household",
  async run({ db, log, progress, saveProgress }) {
    const _ = db.command
    let after = typeof progress?.after === 'string' ? progress.after : ''
    let marked = 0
    for (;;) {
      const { data } = await db.collection(HOUSEHOLDS).where({ _id: _.gt(after) }).orderBy('_id', 'asc').limit(MIGRATION_BATCH).get()
      if (data.length === 0) break
      for (const d of data) await db.collection(FIGURE_MARKS).add({ householdId: d._id })
      marked += data.length
      after = data[data.length - 1]._id
      await saveProgress?.({ after })
    }
    const { figures } = createCloudbaseStore(undefined, () => db).repos
    let households = 0
    for (let n = await figures.foldPending(FOLD_BATCH); n > 0; n = await figures.foldPending(FOLD_BATCH)) households += n
    log?.(`  ${marked} households marked, ${households} folded into the dashboard's figures in the bounded keys`)
    return { changed: households }
  },
}

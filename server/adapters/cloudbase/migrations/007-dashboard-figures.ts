import { createCloudbaseStore } from '..'
import { FIGURE_MARKS, FIGURE_SNAPSHOTS, HOUSEHOLDS } from '../collections'
import { MIGRATION_BATCH, type CloudbaseMigration, type MigrationContext } from './migration'

/** Households folded per call of the fold. */
const FOLD_BATCH = 100

/**
 * Marks the households in _id order (all of them, or with `unfoldedOnly` those without a snapshot),
 * the last _id marked saved as progress, then folds the marks as the timer folds them. A run cut
 * short is run again: a mark left twice folds to no change. How many households were folded.
 */
export async function markAndFoldHouseholds({ db, log, progress, saveProgress }: MigrationContext, unfoldedOnly: boolean): Promise<number> {
  const _ = db.command
  let after = typeof progress?.after === 'string' ? progress.after : ''
  let marked = 0
  for (;;) {
    const { data } = await db.collection(HOUSEHOLDS).where({ _id: _.gt(after) }).orderBy('_id', 'asc').limit(MIGRATION_BATCH).get()
    if (data.length === 0) break
    const ids = data.map((d) => d._id)
    const done = new Set<string>()
    if (unfoldedOnly) for (const d of (await db.collection(FIGURE_SNAPSHOTS).where({ _id: _.in(ids) }).limit(MIGRATION_BATCH).get()).data) done.add(d._id)
    for (const id of ids) if (!done.has(id)) await db.collection(FIGURE_MARKS).add({ householdId: id })
    marked += ids.length - done.size
    after = ids[ids.length - 1]
    await saveProgress?.({ after })
  }
  const { figures } = createCloudbaseStore(undefined, () => db).repos
  let households = 0
  for (let n = await figures.foldPending(FOLD_BATCH); n > 0; n = await figures.foldPending(FOLD_BATCH)) households += n
  log?.(`  ${marked} households marked, ${households} folded into the dashboard's figures`)
  return households
}

/**
 * The dashboard's figures for the households written before they were kept: each household without
 * a snapshot gets a mark (what a write would have left), then the marks are folded as the timer
 * folds them. A run cut short is run again: a household folded already has its snapshot, and a
 * mark left twice folds to no change. SQLite: migration 16.
 */
export const dashboardFigures: CloudbaseMigration = {
  id: '007-dashboard-figures',
  description: "the dashboard's figures per unit and month (figure_rows), built from the households and the ledger",
  async run(ctx) {
    return { changed: await markAndFoldHouseholds(ctx, true) }
  },
}

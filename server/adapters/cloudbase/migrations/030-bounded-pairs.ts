import { markAndFoldHouseholds } from './007-dashboard-figures'
import type { CloudbaseMigration } from './migration'

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
  async run(ctx) {
    return { changed: await markAndFoldHouseholds(ctx, false) }
  },
}

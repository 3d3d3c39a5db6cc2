import { UNIT_LIST_COLLECTIONS_020 } from '../unit-paths'
import { backfillUnitPaths } from './unit-path-backfill'
import type { CloudbaseMigration } from './migration'

/**
 * The stations' problem reports were read by a list of unit ids (at most 1,000: one `in`); now by
 * the unit's path: each report gets its station's unit's path (`unitPath`, multikey indexed with
 * status and time), unit by unit in id order (progress saved after each batch; writing a path again
 * is harmless). SQLite's migration 49 keeps the same lists as entries under every unit above.
 */
export const reportLists: CloudbaseMigration = {
  id: '020-report-lists',
  description: "problem reports keep their station's unit's path, for the review list of a jurisdiction of any size",
  async run(ctx) {
    const changed = await backfillUnitPaths(ctx, UNIT_LIST_COLLECTIONS_020)
    ctx.log?.(`  ${changed} reports given their unit's path`)
    return { changed }
  },
}

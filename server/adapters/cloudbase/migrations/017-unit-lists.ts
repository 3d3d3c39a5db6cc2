import { UNIT_LIST_COLLECTIONS } from '../unit-paths'
import { backfillUnitPaths } from './unit-path-backfill'
import type { CloudbaseMigration } from './migration'

/**
 * The lists that took a list of unit ids (at most 1,000: one `in`) are read by the unit's path
 * instead, as 008-unit-paths did for applications and households: each record of those
 * collections gets its unit's path (`unitPath`, multikey indexed), unit by unit in id order
 * (progress saved after each batch; writing a path again is harmless). SQLite's migration 45 keeps
 * the same lists as entries under every unit above.
 */
export const unitLists: CloudbaseMigration = {
  id: '017-unit-lists',
  description: "call tasks keep their unit's path, for lists of a jurisdiction of any size",
  async run(ctx) {
    const changed = await backfillUnitPaths(ctx, UNIT_LIST_COLLECTIONS)
    ctx.log?.(`  ${changed} records given their unit's path`)
    return { changed }
  },
}

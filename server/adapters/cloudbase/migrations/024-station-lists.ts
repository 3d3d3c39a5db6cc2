import { UNIT_LIST_COLLECTIONS_024 } from '../unit-paths'
import { backfillUnitPaths } from './unit-path-backfill'
import type { CloudbaseMigration } from './migration'

/**
 * The admin's stations were read by a list of unit ids (at most 1,000: one `in`); now by the
 * unit's path: each station gets its unit's path (`unitPath`, multikey indexed with _id), unit by
 * unit in id order (progress saved after each batch; writing a path again is harmless). SQLite's
 * migration 53 keeps the same list as entries under every unit above.
 */
export const stationLists: CloudbaseMigration = {
  id: '024-station-lists',
  description: "stations keep their unit's path, for the admin's station list of a jurisdiction of any size",
  async run(ctx) {
    const changed = await backfillUnitPaths(ctx, UNIT_LIST_COLLECTIONS_024)
    ctx.log?.(`  ${changed} stations given their unit's path`)
    return { changed }
  },
}

import { UNIT_LIST_COLLECTIONS_019 } from '../unit-paths'
import { backfillUnitPaths } from './unit-path-backfill'
import type { CloudbaseMigration } from './migration'

/**
 * The open person requests were read by a list of unit ids (at most 1,000: one `in`); now by the
 * unit's path, as 017-unit-lists did for call tasks: each request gets its unit's path (`unitPath`,
 * multikey indexed with status and due day), unit by unit in id order (progress saved after each
 * batch; writing a path again is harmless). SQLite's migration 48 keeps the same list as entries
 * under every unit above.
 */
export const personRequestLists: CloudbaseMigration = {
  id: '019-person-request-lists',
  description: "person requests keep their unit's path, for the open requests of a jurisdiction of any size",
  async run(ctx) {
    const changed = await backfillUnitPaths(ctx, UNIT_LIST_COLLECTIONS_019)
    ctx.log?.(`  ${changed} requests given their unit's path`)
    return { changed }
  },
}

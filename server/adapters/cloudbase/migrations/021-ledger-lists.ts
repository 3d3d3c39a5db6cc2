import { UNIT_LIST_COLLECTIONS_021 } from '../unit-paths'
import { backfillUnitPaths } from './unit-path-backfill'
import type { CloudbaseMigration } from './migration'

/**
 * The ledger's pending entries were read by a list of unit ids (at most 1,000: one `in`); now by
 * the unit's path: each entry gets its unit's path (`unitPath`, multikey indexed with status and
 * time), unit by unit in id order (progress saved after each batch; writing a path again is
 * harmless; the entry's facts are not touched). SQLite's migration 50 keeps the same list as
 * entries under every unit above.
 */
export const ledgerLists: CloudbaseMigration = {
  id: '021-ledger-lists',
  description: "ledger entries keep their unit's path, for the pending entries of a jurisdiction of any size",
  async run(ctx) {
    const changed = await backfillUnitPaths(ctx, UNIT_LIST_COLLECTIONS_021)
    ctx.log?.(`  ${changed} ledger entries given their unit's path`)
    return { changed }
  },
}

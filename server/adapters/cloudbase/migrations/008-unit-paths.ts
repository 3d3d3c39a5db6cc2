import { APPLICATIONS, HOUSEHOLDS } from '../collections'
import { backfillUnitPaths } from './unit-path-backfill'
import type { CloudbaseMigration } from './migration'

/**
 * Applications and households keep their unit's path (`unitPath`, multikey indexed), so a
 * jurisdiction's queue and household list are one index range however many units it holds: each
 * unit's records get its path, unit by unit in id order (progress saved after each batch, so a run
 * cut short goes on where it stopped; writing a path again is harmless). SQLite's migration 17
 * files the same records under every unit above them.
 */
export const unitPaths: CloudbaseMigration = {
  id: '008-unit-paths',
  description: 'applications and households keep their unit\'s path, for jurisdictions of any size',
  async run(ctx) {
    const changed = await backfillUnitPaths(ctx, [APPLICATIONS, HOUSEHOLDS])
    ctx.log?.(`  ${changed} applications and households given their unit's path`)
    return { changed }
  },
}

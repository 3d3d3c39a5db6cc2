import { APPLICATIONS, HOUSEHOLDS, ORG_UNITS } from '../collections'
import type { Database, Scope } from '../types'
import { spreadUnitPaths } from '../unit-paths'
import type { CloudbaseMigration } from './migration'

/** Units per read (a union tree holds some thousands). */
const UNITS_BATCH = 1000

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
  async run({ db, log, progress, saveProgress }) {
    const scope: Scope = { collection: (name) => db.collection(name), command: db.command, inTransaction: false }
    let after = typeof progress?.afterUnit === 'string' ? progress.afterUnit : ''
    let changed = 0
    for (;;) {
      const units = await unitsAfter(db, after)
      for (const u of units) changed += (await spreadUnitPaths(scope, APPLICATIONS, [u])) + (await spreadUnitPaths(scope, HOUSEHOLDS, [u]))
      if (units.length) {
        after = units[units.length - 1].id
        await saveProgress?.({ afterUnit: after })
      }
      if (units.length < UNITS_BATCH) break
    }
    log?.(`  ${changed} applications and households given their unit's path`)
    return { changed }
  },
}

async function unitsAfter(db: Database, after: string): Promise<{ id: string; path: string[] }[]> {
  const { data } = await db.collection(ORG_UNITS).where({ _id: db.command.gt(after) }).orderBy('_id', 'asc').limit(UNITS_BATCH).get()
  return data.map((d) => ({ id: d._id, path: Array.isArray(d.path) ? (d.path as string[]) : [d._id] }))
}

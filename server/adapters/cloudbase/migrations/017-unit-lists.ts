import { ORG_UNITS } from '../collections'
import type { Database, Scope } from '../types'
import { spreadUnitPaths, UNIT_LIST_COLLECTIONS } from '../unit-paths'
import type { CloudbaseMigration } from './migration'

/** Units per read (a union tree holds some thousands). */
const UNITS_BATCH = 1000

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
  async run({ db, log, progress, saveProgress }) {
    const scope: Scope = { collection: (name) => db.collection(name), command: db.command, inTransaction: false }
    let after = typeof progress?.afterUnit === 'string' ? progress.afterUnit : ''
    let changed = 0
    for (;;) {
      const units = await unitsAfter(db, after)
      for (const u of units) for (const c of UNIT_LIST_COLLECTIONS) changed += await spreadUnitPaths(scope, c, [u])
      if (units.length) {
        after = units[units.length - 1].id
        await saveProgress?.({ afterUnit: after })
      }
      if (units.length < UNITS_BATCH) break
    }
    log?.(`  ${changed} records given their unit's path`)
    return { changed }
  },
}

async function unitsAfter(db: Database, after: string): Promise<{ id: string; path: string[] }[]> {
  const { data } = await db.collection(ORG_UNITS).where({ _id: db.command.gt(after) }).orderBy('_id', 'asc').limit(UNITS_BATCH).get()
  return data.map((d) => ({ id: d._id, path: Array.isArray(d.path) ? (d.path as string[]) : [d._id] }))
}

import { ORG_UNITS } from '../collections'
import type { Database, Scope } from '../types'
import { spreadUnitPaths } from '../unit-paths'
import type { MigrationContext } from './migration'

/** Units per read (a union tree holds some thousands). */
const UNITS_BATCH = 1000

/**
 * Gives the records of `collections` their unit's path (`unitPath`), unit by unit in id order,
 * progress saved after each batch of units, so a run cut short goes on where it stopped (writing a
 * path again is harmless). The records changed.
 */
export async function backfillUnitPaths(ctx: MigrationContext, collections: readonly string[]): Promise<number> {
  const scope: Scope = { collection: (name) => ctx.db.collection(name), command: ctx.db.command, inTransaction: false }
  return forEachUnit(ctx, async (u) => {
    let changed = 0
    for (const c of collections) changed += await spreadUnitPaths(scope, c, [u])
    return changed
  })
}

/**
 * Runs `work` on every unit of the tree in id order, progress (`afterUnit`) saved after each batch
 * of units, so a run cut short goes on where it stopped. The sum of what `work` returned.
 */
export async function forEachUnit({ db, progress, saveProgress }: MigrationContext, work: (unit: { id: string; path: string[] }) => Promise<number>): Promise<number> {
  let after = typeof progress?.afterUnit === 'string' ? progress.afterUnit : ''
  let changed = 0
  for (;;) {
    const units = await unitsAfter(db, after)
    for (const u of units) changed += await work(u)
    if (units.length) {
      after = units[units.length - 1].id
      await saveProgress?.({ afterUnit: after })
    }
    if (units.length < UNITS_BATCH) return changed
  }
}

async function unitsAfter(db: Database, after: string): Promise<{ id: string; path: string[] }[]> {
  const { data } = await db.collection(ORG_UNITS).where({ _id: db.command.gt(after) }).orderBy('_id', 'asc').limit(UNITS_BATCH).get()
  return data.map((d) => ({ id: d._id, path: Array.isArray(d.path) ? (d.path as string[]) : [d._id] }))
}

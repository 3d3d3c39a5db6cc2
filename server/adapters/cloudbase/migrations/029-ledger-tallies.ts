import { DISBURSEMENTS, LEDGER_TALLIES } from '../collections'
import { tallyIdOf } from '../ledger-tallies'
import { readRange } from '../types'
import { UNIT_PATH } from '../unit-paths'
import type { CloudbaseMigration } from './migration'
import { forEachUnit } from './unit-path-backfill'

/** Entries per read. */
const ENTRIES_BATCH = 1000

/**
 * The reviewer's own pending ledger entries under a unit were counted entry by entry (`count()`
 * on unitPath, status, recordedBy); now they are kept per (unit, recorder, shard) in
 * `ledger_tallies` as entries are recorded and decided. This counts the pending entries already
 * there, unit by unit in id order (progress saved after each batch of units): each unit's counts
 * are set to what its entries say, and its counts that no entry backs any more to 0, so running it
 * again writes the same. SQLite's migration 58 keeps the same counts per unit above.
 */
export const ledgerTallies: CloudbaseMigration = {
  id: '029-ledger-tallies',
  description: "the pending ledger entries counted per unit and recorder, for the reviewer's own count under a unit of any size",
  async run(ctx) {
    const { db } = ctx
    const _ = db.command
    const changed = await forEachUnit(ctx, async (unit) => {
      const counts = new Map<string, { recordedBy: string; n: number }>()
      for (let after = ''; ; ) {
        const { data: entries } = await db.collection(DISBURSEMENTS).where({ unitId: unit.id, _id: _.gt(after) }).orderBy('_id', 'asc').limit(ENTRIES_BATCH).get()
        for (const e of entries) {
          if (e.status !== 'pending') continue
          const key = { entryId: e._id, unitId: unit.id, recordedBy: String(e.recordedBy) }
          const id = tallyIdOf(key)
          counts.set(id, { recordedBy: key.recordedBy, n: (counts.get(id)?.n ?? 0) + 1 })
        }
        if (entries.length < ENTRIES_BATCH) break
        after = entries[entries.length - 1]._id
      }
      const kept = await readRange(db.collection(LEDGER_TALLIES).where({ unitId: unit.id }).orderBy('_id', 'asc'), 0, Infinity)
      for (const doc of kept) if (!counts.has(doc._id)) counts.set(doc._id, { recordedBy: String(doc.recordedBy), n: 0 })
      const byId = new Map(kept.map((d) => [d._id, Number(d.n ?? 0)]))
      let written = 0
      for (const [id, { recordedBy, n }] of counts) {
        if (byId.get(id) === n) continue
        await db.collection(LEDGER_TALLIES).doc(id).set({ unitId: unit.id, recordedBy, [UNIT_PATH]: unit.path, n })
        written++
      }
      return written
    })
    ctx.log?.(`  ${changed} counts of pending ledger entries per unit and recorder written`)
    return { changed }
  },
}

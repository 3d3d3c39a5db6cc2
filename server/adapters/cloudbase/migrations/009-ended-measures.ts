import { HOUSEHOLDS, MEASURES } from '../collections'
import { MIGRATION_BATCH, type CloudbaseMigration } from './migration'

const OPEN = ['planned', 'in-progress']

/**
 * Deregistration now ends a household's running measures; the measures of households deregistered
 * before it end too (status `ended`, version incremented). Idempotent: an ended measure is not
 * open any more. SQLite's migration 19 does the same.
 */
export const endedMeasures: CloudbaseMigration = {
  id: '009-ended-measures',
  description: 'measures of households deregistered earlier end with them',
  async run({ db, log }) {
    const _ = db.command
    let changed = 0
    let after = ''
    for (;;) {
      const { data: households } = await db
        .collection(HOUSEHOLDS)
        .where({ status: 'deregistered', _id: _.gt(after) })
        .orderBy('_id', 'asc')
        .limit(MIGRATION_BATCH)
        .get()
      for (const h of households) {
        const { data: measures } = await db.collection(MEASURES).where({ householdId: h._id, status: _.in(OPEN) }).limit(1000).get()
        for (const m of measures) {
          const { updated } = await db
            .collection(MEASURES)
            .where({ _id: m._id, status: _.in(OPEN), version: m.version })
            .update({ status: 'ended', version: _.inc(1) })
          changed += updated ?? 0
        }
      }
      if (households.length < MIGRATION_BATCH) break
      after = households[households.length - 1]._id
    }
    log?.(`  ${changed} measures of deregistered households ended`)
    return { changed }
  },
}

import { createCloudbaseStore } from '..'
import type { CheckRecord } from '../../../../src/domain/campaign'
import { checkCountFields } from '../check-repository'
import { CHECKS, HOUSEHOLDS, ORG_UNITS } from '../collections'
import type { Database } from '../types'
import { UNIT_PATH } from '../unit-paths'
import { MIGRATION_BATCH, type CloudbaseMigration } from './migration'

/** Check records written before they were counted get the fields counting reads (idempotent: those with a path are left). */
async function countedChecks(db: Database): Promise<number> {
  const _ = db.command
  const paths = new Map<string, string[]>()
  let changed = 0
  for (;;) {
    const { data } = await db.collection(CHECKS).where({ [UNIT_PATH]: _.exists(false) }).orderBy('_id', 'asc').limit(MIGRATION_BATCH).get()
    if (data.length === 0) break
    for (const doc of data) {
      const unitId = String(doc.unitId)
      if (!paths.has(unitId)) {
        const { data: units } = await db.collection(ORG_UNITS).where({ _id: unitId }).get()
        paths.set(unitId, Array.isArray(units[0]?.path) ? (units[0].path as string[]) : [unitId])
      }
      const fields = checkCountFields({ ...(doc as unknown as CheckRecord), id: doc._id }, paths.get(unitId)!)
      await db.collection(CHECKS).doc(doc._id).update({ ...fields, [UNIT_PATH]: _.set(fields[UNIT_PATH]) })
      changed++
    }
  }
  return changed
}

/**
 * Overdue contacts and campaigns' progress kept (contact_clocks, overdue_spells, filed_spells, the
 * check records' counted fields) for what was written before they were: each household's clock and spells rebuilt from its record and contact log, in _id order, a
 * batch at a time with the last _id done saved as progress. Rebuilding is idempotent (the spells
 * are set by id, the clock's old ones removed), so a run cut short is run again. SQLite: migration 46.
 */
export const overdueContacts: CloudbaseMigration = {
  id: '018-overdue-contacts',
  description: "overdue contacts and campaigns' progress kept: each household's spells (overdue_spells, filed_spells) and clock (contact_clocks) built from its record and contacts; check records counted",
  async run({ db, log, progress, saveProgress }) {
    const _ = db.command
    const { contactClocks } = createCloudbaseStore(undefined, () => db).repos
    let after = typeof progress?.after === 'string' ? progress.after : ''
    let changed = 0
    for (;;) {
      const { data } = await db.collection(HOUSEHOLDS).where({ _id: _.gt(after) }).orderBy('_id', 'asc').limit(MIGRATION_BATCH).get()
      if (data.length === 0) break
      for (const { _id } of data) if (await contactClocks.rebuild(_id)) changed++
      after = data[data.length - 1]._id
      await saveProgress?.({ after })
      if (data.length < MIGRATION_BATCH) break
    }
    const checks = await countedChecks(db)
    log?.(`  ${changed} households' overdue contacts and spells on file kept, ${checks} check records counted`)
    return { changed: changed + checks }
  },
}

import { stationUnitFor } from '../../../../src/domain/station-unit'
import { ORG_UNITS, PROBLEM_REPORTS, STATIONS } from '../collections'
import type { Database, StoredDoc } from '../types'
import { MIGRATION_BATCH, type CloudbaseMigration } from './migration'

/** Every document of a collection that lacks `field`, a batch at a time, handed to `each`; stops if one is found again (its update did not take). */
async function forEachWithout(db: Database, collection: string, field: string, each: (doc: StoredDoc) => Promise<number>): Promise<number> {
  const seen = new Set<string>()
  let changed = 0
  for (;;) {
    const { data } = await db.collection(collection).where({ [field]: db.command.exists(false) }).limit(MIGRATION_BATCH).get()
    for (const doc of data) {
      if (seen.has(doc._id)) throw new Error(`${collection} ${doc._id} was not migrated`)
      seen.add(doc._id)
      changed += await each(doc)
    }
    if (data.length < MIGRATION_BATCH) return changed
  }
}

/** Every unit's id, name and parent, for the rule (a union tree holds some thousands at most). */
async function allUnits(db: Database): Promise<{ id: string; name: string; parentId: string | null }[]> {
  const out: { id: string; name: string; parentId: string | null }[] = []
  for (;;) {
    const { data } = await db.collection(ORG_UNITS).orderBy('_id', 'asc').skip(out.length).limit(1000).get()
    out.push(...data.map((d) => ({ id: d._id, name: String(d.name), parentId: (d.parentId as string | null) ?? null })))
    if (data.length < 1000) return out
  }
}

/**
 * Stations made before they belonged to a unit get one: the unit their 管理单位 names, else the
 * township their district or address names, else the top of the tree (`stationUnitFor`); each
 * problem report takes its station's. SQLite's migration 10 does the same.
 */
export const stationUnits: CloudbaseMigration = {
  id: '003-station-units',
  description: 'stations and problem reports belong to a unit',
  async run({ db, log }) {
    const units = await allUnits(db)
    const top = units.find((u) => u.parentId === null)?.id ?? ''
    const _ = db.command
    const stations = await forEachWithout(db, STATIONS, 'unitId', async (doc) => {
      const unitId = stationUnitFor({ unitName: String(doc.unitName ?? ''), district: String(doc.district ?? ''), address: String(doc.address ?? '') }, units, top)
      const { updated } = await db.collection(STATIONS).where({ _id: doc._id, unitId: _.exists(false) }).update({ unitId })
      return updated ?? 0
    })
    const reports = await forEachWithout(db, PROBLEM_REPORTS, 'unitId', async (doc) => {
      const { data } = await db.collection(STATIONS).doc(String(doc.stationId)).get()
      const station = (Array.isArray(data) ? data[0] : data) as StoredDoc | undefined
      const { updated } = await db.collection(PROBLEM_REPORTS).where({ _id: doc._id, unitId: _.exists(false) }).update({ unitId: String(station?.unitId ?? '') })
      return updated ?? 0
    })
    log?.(`  ${stations} stations and ${reports} problem reports given a unit`)
    return { changed: stations + reports }
  },
}

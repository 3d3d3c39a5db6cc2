import type { Campaign } from '../../../src/domain/campaign'
import type { CampaignRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { CAMPAIGNS } from './collections'
import { MAX_PAGE, outsideTransaction, readPage, readRange, type Scope, type StoredDoc } from './types'
import { readAfter, UNIT_PATH, unitPathOf } from './unit-paths'
import { updateAtVersion, versionedRecords, withId } from './versioned'

/**
 * Campaigns newest first, by the day they start. A campaign keeps every unit on its scope units'
 * paths (`unitPath`, multikey; data migration 023): the campaigns of units under a unit are one
 * index range; those of a unit above it are found by `unitIds` at each unit of its path.
 */
export const CAMPAIGNS_COLLECTION = defineCollection(CAMPAIGNS, [
  { keys: [['startsOn', -1], ['_id', -1]] },
  { keys: [[UNIT_PATH, 1], ['startsOn', -1], ['_id', -1]] },
  { keys: [['unitIds', 1], ['startsOn', -1], ['_id', -1]] },
])

/** Every unit on the paths of the scope units, once each (a unit not in the tree is its own path). */
export async function campaignPath(scope: Scope, unitIds: readonly string[]): Promise<string[]> {
  const out = new Set<string>()
  // One at a time: a transaction's reads stay in order (and a scope holds a few units).
  for (const id of unitIds) for (const p of await unitPathOf(scope, id)) out.add(p)
  return [...out]
}

/** The campaigns whose scope holds one of `units` (moved): their `unitPath` again. How many changed. */
export async function spreadCampaignPaths(scope: Scope, units: readonly { id: string }[]): Promise<number> {
  let changed = 0
  for (const u of units) {
    for (let offset = 0; ; offset += 100) {
      const docs = await readRange(scope.collection(CAMPAIGNS).where({ unitIds: u.id }).orderBy('startsOn', 'desc').orderBy('_id', 'desc'), offset, 100)
      for (const d of docs) changed += await rewritePath(scope, d)
      if (docs.length < 100) break
    }
  }
  return changed
}

/** Writes the campaign's `unitPath` when it is not what its scope's paths say now; 1 when written. */
export async function rewritePath(scope: Scope, doc: StoredDoc): Promise<number> {
  const path = await campaignPath(scope, Array.isArray(doc.unitIds) ? (doc.unitIds as string[]) : [])
  const had = Array.isArray(doc[UNIT_PATH]) ? (doc[UNIT_PATH] as string[]) : null
  if (had && had.length === path.length && had.every((p, i) => p === path[i])) return 0
  await scope.collection(CAMPAIGNS).doc(doc._id).update({ [UNIT_PATH]: scope.command.set(path) })
  return 1
}

const toStored = ({ id: _id, ...fields }: Campaign) => fields
const toRecord = (doc: StoredDoc): Campaign => {
  const { [UNIT_PATH]: _path, ...rest } = doc
  return withId<Campaign>(rest as StoredDoc)
}
const byNewest = (a: Campaign, b: Campaign) => (a.startsOn !== b.startsOn ? (a.startsOn < b.startsOn ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0)

/** 户户清 campaigns, one document each with _id = the campaign id. */
export function campaignRepository(scope: Scope): CampaignRepository {
  const records = versionedRecords<Campaign>(scope, CAMPAIGNS, toStored, toRecord)
  const coll = () => scope.collection(CAMPAIGNS)
  const stored = async (rec: Campaign) => ({ ...toStored(rec), [UNIT_PATH]: await campaignPath(scope, rec.unitIds) })
  return {
    get: records.get,
    async insert(rec) {
      await coll().add({ _id: rec.id, ...(await stored(rec)) })
    },
    async update(rec, expectedVersion) {
      return updateAtVersion(scope, CAMPAIGNS, rec.id, await stored(rec), expectedVersion)
    },
    list(page) {
      return readPage(scope, 'campaigns.list', coll, [['startsOn', 'desc'], ['_id', 'desc']], page, toRecord)
    },
    async listFor(unit, after, limit) {
      outsideTransaction(scope, 'campaigns.listFor')
      if (limit <= 0) return []
      const at = after && { value: after.startsOn, id: after.id }
      // Those with a scope unit under the unit (one range), and at each unit above it (a path's few levels).
      const ranges = [{ [UNIT_PATH]: unit.id }, ...unit.path.filter((id) => id !== unit.id).map((id) => ({ unitIds: id }))]
      const found = new Map<string, Campaign>()
      for (const where of ranges) {
        for (const doc of await readAfter(scope, (w) => coll().where({ ...where, ...w }), 'startsOn', at, limit, 'desc')) found.set(doc._id, toRecord(doc))
      }
      return [...found.values()].sort(byNewest).slice(0, limit)
    },
    async countFor(unit) {
      outsideTransaction(scope, 'campaigns.countFor')
      const under = (await coll().where({ [UNIT_PATH]: unit.id }).count()).total ?? 0
      const above = unit.path.filter((id) => id !== unit.id)
      if (above.length === 0) return under
      // Those of a unit above that are not also under the unit (a scope holding both): read, as
      // they are few (opened by the unit's few ancestors, about one a year each), not the data's size.
      let more = 0
      for (let offset = 0; ; offset += MAX_PAGE) {
        const docs = await readRange(coll().where({ unitIds: scope.command.in(above) }).orderBy('startsOn', 'desc').orderBy('_id', 'desc'), offset, MAX_PAGE)
        more += docs.filter((d) => !(Array.isArray(d[UNIT_PATH]) && (d[UNIT_PATH] as string[]).includes(unit.id))).length
        if (docs.length < MAX_PAGE) return under + more
      }
    },
  }
}

import { AID_LEVEL_CODES, STATION_KIND_CODES, STATION_STATUS_CODES, type AidLevel, type StationKind } from '../../../src/domain/station-codes'
import type { StationRecord, StationRepository } from '../../ports'
import { defineCollection } from './collection-schema'
import { STATIONS } from './collections'
import { MAX_UNIT_IDS } from './staff-repository'
import { outsideTransaction, readDoc, readRange, type Scope, type StoredDoc } from './types'
import { UNIT_PATH, unitPathOf } from './unit-paths'

/** `nearby` runs geoNear on `location`; imports find stations by their unique external id; export pages by _id. */
export const STATIONS_COLLECTION = defineCollection(STATIONS, [
  { keys: [['location', '2dsphere']] },
  { keys: [['externalId', 1]], unique: true },
  // The dashboard counts the stations of each kind that are not closed.
  { keys: [['kind', 1], ['status', 1]] },
  // And the aid stations of each level of the four-level network that are not closed.
  { keys: [['kind', 1], ['level', 1], ['status', 1]] },
  // An admin's list: the stations of the jurisdiction's units in id order.
  { keys: [['unitId', 1], ['_id', 1]] },
  // Of a jurisdiction of any size: a station keeps its unit's path (data migration 024).
  { keys: [[UNIT_PATH, 1], ['_id', 1]] },
])

/** The admin's list's condition: under a unit (null: every station), holding `search`, after an id; null when none. */
function listWhere(scope: Scope, under: string | null, search: string | undefined, after: string | null): object | null {
  const _ = scope.command
  const conditions: object[] = []
  if (under !== null) conditions.push({ [UNIT_PATH]: under })
  if (after !== null) conditions.push({ _id: _.gt(after) })
  if (search) {
    // The SDK sends a RegExp as the database's $regex; the text is escaped, so it matches as typed.
    const contains = new RegExp(search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')
    conditions.push(_.or([{ name: contains }, { address: contains }]))
  }
  return conditions.length === 0 ? null : conditions.length === 1 ? conditions[0] : _.and(conditions)
}

/** Every status but closed. */
const NOT_CLOSED = STATION_STATUS_CODES.filter((s) => s !== 'closed')

type Fields = Omit<StationRecord, 'id' | 'location'>

const FIELDS = [
  'externalId', 'kind', 'level', 'name', 'address', 'district', 'phone', 'hours', 'amenities', 'services',
  'photos', 'unitName', 'unitId', 'status', 'verifiedOn', 'sample', 'version', 'createdAt', 'updatedAt',
] as const satisfies readonly (keyof Fields)[]

/** The stored document: the record without its id, the point as GeoJSON [lng, lat] for the 2dsphere index. */
const toDoc = (rec: StationRecord) => ({
  ...(Object.fromEntries(FIELDS.map((f) => [f, rec[f]])) as Fields),
  location: { type: 'Point', coordinates: [rec.location.lng, rec.location.lat] },
})

/** The SDK reads a GeoJSON point back as its own `Point` (`longitude`, `latitude`); plain GeoJSON also passes. */
function pointOf(v: unknown): { lng: number; lat: number } {
  const p = v as { longitude?: number; latitude?: number; coordinates?: [number, number] }
  if (typeof p?.longitude === 'number' && typeof p.latitude === 'number') return { lng: p.longitude, lat: p.latitude }
  if (Array.isArray(p?.coordinates)) return { lng: p.coordinates[0], lat: p.coordinates[1] }
  throw new Error('station document without a location point')
}

const toRecord = (doc: StoredDoc): StationRecord => ({
  id: doc._id,
  ...(Object.fromEntries(FIELDS.map((f) => [f, doc[f]])) as Fields),
  location: pointOf(doc.location),
})

/** Queries of `$in` over external ids stay this short. */
const IN_CHUNK = 100

/** Stations, one document each with _id = the station id. */
export function stationRepository(scope: Scope): StationRepository {
  const coll = () => scope.collection(STATIONS)
  return {
    async upsert(rec) {
      // A station without a unit belongs to the top of the tree: only the every-station list shows it.
      await coll().doc(rec.id).set({ ...toDoc(rec), [UNIT_PATH]: rec.unitId ? await unitPathOf(scope, rec.unitId) : [] })
    },
    async get(id) {
      const doc = await readDoc(scope, STATIONS, id)
      return doc && toRecord(doc)
    },
    async byExternalId(externalId) {
      outsideTransaction(scope, 'stations.byExternalId')
      const [doc] = await readRange(coll().where({ externalId }), 0, 1)
      return doc ? toRecord(doc) : null
    },
    async byExternalIds(externalIds) {
      outsideTransaction(scope, 'stations.byExternalIds')
      const out: StationRecord[] = []
      for (let i = 0; i < externalIds.length; i += IN_CHUNK) {
        const chunk = externalIds.slice(i, i + IN_CHUNK)
        const docs = await readRange(coll().where({ externalId: scope.command.in([...chunk]) }), 0, chunk.length)
        out.push(...docs.map(toRecord))
      }
      return out
    },
    async nearby({ point, radiusM, kinds, amenities, statuses, offset, limit }) {
      outsideTransaction(scope, 'stations.nearby')
      if (limit <= 0) return []
      const _ = scope.command
      const query: Record<string, unknown> = {}
      if (kinds?.length) query.kind = _.in([...kinds])
      if (statuses?.length) query.status = _.in([...statuses])
      if (amenities?.length) query.amenities = _.all([...amenities])
      const { data } = await coll()
        .aggregate()
        .geoNear({
          // The SDK builds its GeoJSON Point from `longitude` and `latitude`.
          near: { longitude: point.lng, latitude: point.lat },
          spherical: true,
          key: 'location',
          distanceField: 'distanceM',
          maxDistance: radiusM,
          query,
          // Older servers stop $geoNear at 100 documents unless told how many the page needs.
          limit: offset + limit,
        })
        .skip(offset)
        .limit(limit)
        .end()
      return data.map((doc) => ({ station: toRecord(doc), distanceM: Number(doc.distanceM) }))
    },
    async list({ offset, limit }, unitIds, search) {
      outsideTransaction(scope, 'stations.list')
      if (unitIds !== undefined && unitIds.length > MAX_UNIT_IDS) throw new Error(`stations.list takes at most ${MAX_UNIT_IDS} units`)
      const _ = scope.command
      const conditions: object[] = []
      if (unitIds !== undefined) conditions.push({ unitId: _.in([...unitIds]) })
      if (search) {
        // The SDK sends a RegExp as the database's $regex; the text is escaped, so it matches as typed.
        const contains = new RegExp(search.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')
        conditions.push(_.or([{ name: contains }, { address: contains }]))
      }
      const query = conditions.length === 0 ? coll() : coll().where(conditions.length === 1 ? conditions[0] : _.and(conditions))
      return (await readRange(query.orderBy('_id', 'asc'), offset, limit)).map(toRecord)
    },
    async listUnder(under, after, limit, search) {
      outsideTransaction(scope, 'stations.listUnder')
      if (limit <= 0) return []
      const where = listWhere(scope, under, search, after)
      return (await readRange((where ? coll().where(where) : coll()).orderBy('_id', 'asc'), 0, limit)).map(toRecord)
    },
    async countUnder(under, search) {
      outsideTransaction(scope, 'stations.countUnder')
      const where = listWhere(scope, under, search, null)
      return ((await (where ? coll().where(where) : coll()).count()).total ?? 0)
    },
    async countByKind() {
      outsideTransaction(scope, 'stations.countByKind')
      const counts = await Promise.all(
        STATION_KIND_CODES.map(async (kind) => [kind, (await coll().where({ kind, status: scope.command.in([...NOT_CLOSED]) }).count()).total ?? 0] as const),
      )
      return Object.fromEntries(counts) as Record<StationKind, number>
    },
    async countAidByLevel() {
      outsideTransaction(scope, 'stations.countAidByLevel')
      const counts = await Promise.all(
        AID_LEVEL_CODES.map(async (level) => [level, (await coll().where({ kind: 'aid', level, status: scope.command.in([...NOT_CLOSED]) }).count()).total ?? 0] as const),
      )
      return Object.fromEntries(counts) as Record<AidLevel, number>
    },
  }
}

import { boxAround, distanceM, EARTH_RADIUS_M } from '../../../src/domain/geo'
import { AID_LEVEL_CODES, AMENITY_CODES, STATION_KIND_CODES, type AidLevel, type Amenity, type StationKind } from '../../../src/domain/station'
import type { NearbyQuery, StationRecord, StationRepository } from '../../ports'
import type { Statement } from 'better-sqlite3'
import type { Db } from './connection'
import { readAll, readOne } from './documents'
import { unitListCount } from './migration-unit-lists'

/** With `search`, the condition that a station (alias `s`) holds it in its name or address, as typed. */
function searchOf(search: string | undefined, s: string): { sql: string; params: string[] } {
  if (!search) return { sql: '', params: [] }
  const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  return { sql: `AND (json_extract(${s}.doc, '$.name') LIKE ? ESCAPE '\\' OR json_extract(${s}.doc, '$.address') LIKE ? ESCAPE '\\')`, params: [pattern, pattern] }
}

const readCount = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number

/** One bit per amenity, in the order of AMENITY_CODES: "offers all of these" is `(mask & want) = want`. */
export function amenityMask(amenities: readonly Amenity[]): number {
  let mask = 0
  for (const a of amenities) mask |= 1 << AMENITY_CODES.indexOf(a)
  return mask
}

/** The smallest radius searched first, in metres. */
const MIN_FIRST_RADIUS_M = 200

const RAD = Math.PI / 180

/**
 * Great-circle distance in SQL (SQLite's math functions), the same haversine as the domain's
 * `distanceM`: rows are filtered, ordered and cut inside SQLite, so only the nearest few cross
 * into JavaScript, where their distances are computed again by the domain function.
 */
const DISTANCE_SQL = `2 * ${EARTH_RADIUS_M} * asin(min(1, sqrt(
  sin((s.lat - :lat) * ${RAD} / 2) * sin((s.lat - :lat) * ${RAD} / 2)
  + :cosLat * cos(s.lat * ${RAD}) * sin((s.lng - :lng) * ${RAD} / 2) * sin((s.lng - :lng) * ${RAD} / 2))))`

/** A station found by `nearestStations`: its row id, id and exact distance in metres. */
export type Candidate = { rid: number; id: string; d: number }

const byDistanceThenId = (a: Candidate, b: Candidate) => a.d - b.d || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Counting stops here: enough to choose the first radius, bounded in dense cities. */
const COUNT_CAP = 400

/**
 * The index query over the R*Tree: the stations of `query`, nearest first (ties by id), from
 * `offset` to `offset + limit`, as row ids with exact distances.
 *
 * It asks the R*Tree for a box around the point and keeps the rows within the searched radius r,
 * nearest first, up to `offset + limit` (plus one); while it finds fewer and r is short of the
 * radius asked for, it widens r by the density seen and asks again. With `offset + limit` found
 * within r, nothing beyond r can be among them, so the answer is exact. The first r comes from a
 * (capped) count of the points in the whole radius's box.
 */
export function nearestStations(db: Db): (query: NearbyQuery) => Candidate[] {
  const statements = new Map<string, Statement<unknown[]>>()
  const prepared = (sql: string) => {
    let stmt = statements.get(sql)
    if (!stmt) statements.set(sql, (stmt = db.prepare(sql).raw()))
    return stmt
  }
  const countStmt = db.prepare(
    `SELECT count(*) FROM (SELECT 1 FROM stations_rtree WHERE min_lng <= ? AND max_lng >= ? AND min_lat <= ? AND max_lat >= ? LIMIT ${COUNT_CAP})`,
  ).pluck()

  return (q) => {
    const need = q.offset + q.limit
    if (q.limit <= 0 || q.radiusM < 0) return []
    const kinds = q.kinds?.length ? q.kinds : []
    const statuses = q.statuses ?? []
    const mask = amenityMask(q.amenities ?? [])
    const where = [
      'r.min_lng <= :maxLng AND r.max_lng >= :minLng AND r.min_lat <= :maxLat AND r.max_lat >= :minLat',
      ...(kinds.length ? [`s.kind IN (${kinds.map((_, i) => `:k${i}`).join(', ')})`] : []),
      ...(statuses.length ? [`s.status IN (${statuses.map((_, i) => `:s${i}`).join(', ')})`] : []),
      ...(mask > 0 ? ['(s.amenity_mask & :mask) = :mask'] : []),
    ].join(' AND ')
    // The LIMIT is written into the SQL: bound as a parameter it made each run about ten times slower (SQLite 3.53).
    const stmt = prepared(
      `SELECT s.rid, s.id, s.lng, s.lat, ${DISTANCE_SQL} AS d FROM stations_rtree r JOIN stations s ON s.rid = r.rid
       WHERE ${where} AND d <= :radius ORDER BY d, s.id LIMIT ${Math.trunc(need) + 1}`,
    )
    const params: Record<string, string | number> = {
      ...Object.fromEntries(kinds.map((k, i) => [`k${i}`, k])),
      ...Object.fromEntries(statuses.map((st, i) => [`s${i}`, st])),
      ...(mask > 0 ? { mask } : {}),
      lng: q.point.lng,
      lat: q.point.lat,
      cosLat: Math.cos(q.point.lat * RAD),
    }
    // Within r, nearest first; one metre of slack in SQL: the R*Tree keeps 32-bit floats (rounded outwards).
    const within = (r: number): Candidate[] => {
      const rows = stmt.all({ ...boxAround(q.point, r + 1), ...params, radius: r + 1 }) as [number, string, number, number][]
      const out: Candidate[] = []
      for (const [rid, id, lng, lat] of rows) {
        const d = distanceM(q.point, { lng, lat })
        if (d <= r) out.push({ rid, id, d })
      }
      return out.sort(byDistanceThenId)
    }
    const box = boxAround(q.point, q.radiusM + 1)
    const total = countStmt.get(box.maxLng, box.minLng, box.maxLat, box.minLat) as number
    let r = total <= 4 * need ? q.radiusM : Math.max(MIN_FIRST_RADIUS_M, q.radiusM * Math.sqrt((1.5 * need) / total))
    for (;;) {
      // `need + 1` rows: with more than `need` inside r, the cut is not a tie at the edge.
      const hits = within(r)
      if (hits.length > need || r >= q.radiusM) return hits.slice(q.offset, need)
      // Grow by the density seen: enough area for `need` hits, at least doubling.
      const grow = hits.length ? Math.sqrt(need / hits.length) * 1.2 : 4
      r = Math.min(q.radiusM, r * Math.max(2, grow))
    }
  }
}

/** Stations in SQLite with an R*Tree over their points, which triggers keep in step with every write of the row (same statement, same transaction). */
export function stationRepository(db: Db): StationRepository {
  const statements = new Map<string, Statement<unknown[]>>()
  const nearest = nearestStations(db)
  const docsByRid = (rids: number[]): [number, string][] => {
    if (rids.length === 0) return []
    const sql = `SELECT rid, doc FROM stations WHERE rid IN (${rids.map(() => '?').join(', ')})`
    let stmt = statements.get(sql)
    if (!stmt) statements.set(sql, (stmt = db.prepare(sql).raw()))
    return stmt.all(...rids) as [number, string][]
  }
  const upsert = db.prepare(
    `INSERT INTO stations (id, external_id, kind, status, amenity_mask, lng, lat, unit_id, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET external_id = excluded.external_id, kind = excluded.kind, status = excluded.status,
       amenity_mask = excluded.amenity_mask, lng = excluded.lng, lat = excluded.lat, unit_id = excluded.unit_id, doc = excluded.doc`,
  )
  const parse = (doc: string | undefined) => (doc ? (JSON.parse(doc) as StationRecord) : null)

  return {
    async upsert(rec) {
      upsert.run(rec.id, rec.externalId, rec.kind, rec.status, amenityMask(rec.amenities), rec.location.lng, rec.location.lat, rec.unitId, JSON.stringify(rec))
    },
    async get(id) {
      return readOne(db, 'SELECT doc FROM stations WHERE id = ?', id)
    },
    async byExternalId(externalId) {
      return readOne(db, 'SELECT doc FROM stations WHERE external_id = ?', externalId)
    },
    async byExternalIds(externalIds) {
      const out: StationRecord[] = []
      for (let i = 0; i < externalIds.length; i += 500) {
        const chunk = externalIds.slice(i, i + 500)
        out.push(...readAll<StationRecord>(db, `SELECT doc FROM stations WHERE external_id IN (${chunk.map(() => '?').join(', ')})`, ...chunk))
      }
      return out
    },
    async nearby(q) {
      const page = nearest(q)
      const docs = new Map(docsByRid(page.map((c) => c.rid)))
      return page.map((c) => ({ station: parse(docs.get(c.rid))!, distanceM: c.d }))
    },
    async list({ offset, limit }, unitIds, search) {
      const where: string[] = []
      const params: unknown[] = []
      if (unitIds !== undefined) {
        where.push('unit_id IN (SELECT value FROM json_each(?))')
        params.push(JSON.stringify(unitIds))
      }
      if (search) {
        const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
        where.push(`(json_extract(doc, '$.name') LIKE ? ESCAPE '\\' OR json_extract(doc, '$.address') LIKE ? ESCAPE '\\')`)
        params.push(pattern, pattern)
      }
      const filter = where.length ? `WHERE ${where.join(' AND ')}` : ''
      return readAll(db, `SELECT doc FROM stations ${filter} ORDER BY id LIMIT ? OFFSET ?`, ...params, limit, offset)
    },
    async listUnder(under, after, limit, search) {
      if (limit <= 0) return []
      const found = searchOf(search, 's')
      if (under === null) return readAll(db, `SELECT s.doc FROM stations s WHERE s.id > ? ${found.sql} ORDER BY s.id LIMIT ?`, after ?? '', ...found.params, limit)
      // The entries' primary key serves the range and the order (migration 53).
      return readAll(
        db,
        `SELECT s.doc FROM list_entries e JOIN stations s ON s.id = e.id WHERE e.list = 'stations' AND e.ancestor_id = ? AND e.sort > ? ${found.sql} ORDER BY e.sort LIMIT ?`,
        under, after ?? '', ...found.params, limit,
      )
    },
    async countUnder(under, search) {
      const found = searchOf(search, 's')
      if (under === null) return readCount(db, `SELECT count(*) FROM stations s WHERE true ${found.sql}`, ...found.params)
      if (!search) return readCount(db, unitListCount('stations'), under)
      return readCount(db, `SELECT count(*) FROM list_entries e JOIN stations s ON s.id = e.id WHERE e.list = 'stations' AND e.ancestor_id = ? ${found.sql}`, under, ...found.params)
    },
    async countByKind() {
      const rows = db.prepare(`SELECT kind, count(*) AS n FROM stations WHERE status != 'closed' GROUP BY kind`).all() as { kind: StationKind; n: number }[]
      const counts = Object.fromEntries(STATION_KIND_CODES.map((k) => [k, 0])) as Record<StationKind, number>
      for (const { kind, n } of rows) if (kind in counts) counts[kind] = n
      return counts
    },
    async countAidByLevel() {
      const sql = `SELECT json_extract(doc, '$.level') AS level, count(*) AS n FROM stations WHERE kind = 'aid' AND status != 'closed' GROUP BY level`
      const counts = Object.fromEntries(AID_LEVEL_CODES.map((l) => [l, 0])) as Record<AidLevel, number>
      for (const { level, n } of db.prepare(sql).all() as { level: AidLevel; n: number }[]) if (level in counts) counts[level] = n
      return counts
    },
  }
}

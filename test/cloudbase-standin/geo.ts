import { resolve } from 'mingo/util'
import { isPlainObject, type Doc } from './ejson'

/** Mean earth radius MongoDB uses for spherical geometry, in metres. */
export const EARTH_RADIUS_M = 6378100

type LngLat = [number, number]

/** Great-circle distance between two [lng, lat] points, in metres. */
export function haversine([lng1, lat1]: LngLat, [lng2, lat2]: LngLat): number {
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLng = (lng2 - lng1) * rad
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))
}

/** A GeoJSON Point or a legacy [lng, lat] pair as coordinates, else null. */
export function pointOf(v: unknown): LngLat | null {
  const c = isPlainObject(v) && v.type === 'Point' ? v.coordinates : v
  return Array.isArray(c) && c.length === 2 && c.every((n) => typeof n === 'number') ? [c[0], c[1]] : null
}

function insidePolygon([x, y]: LngLat, ring: LngLat[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** A geo condition on one field: which documents pass and, for `$nearSphere`, their distance. */
export interface GeoCondition {
  field: string
  test(doc: Doc): boolean
  distance?: (doc: Doc) => number
}

function fieldPoint(doc: Doc, field: string): LngLat | null {
  return pointOf(resolve(doc, field))
}

function nearCondition(field: string, spec: Record<string, unknown>): GeoCondition {
  const center = pointOf(spec.$geometry)
  if (!center) throw new Error('$nearSphere needs a $geometry Point')
  const max = typeof spec.$maxDistance === 'number' ? spec.$maxDistance : Infinity
  const min = typeof spec.$minDistance === 'number' ? spec.$minDistance : 0
  const distance = (doc: Doc) => {
    const p = fieldPoint(doc, field)
    return p ? haversine(center, p) : Infinity
  }
  return { field, distance, test: (doc) => { const d = distance(doc); return d >= min && d <= max } }
}

function withinCondition(field: string, spec: Record<string, unknown>): GeoCondition {
  if (Array.isArray(spec.$centerSphere)) {
    const [c, radians] = spec.$centerSphere as [unknown, number]
    const center = pointOf(c)
    if (!center) throw new Error('$centerSphere needs [[lng, lat], radians]')
    return { field, test: (doc) => { const p = fieldPoint(doc, field); return !!p && haversine(center, p) <= radians * EARTH_RADIUS_M } }
  }
  const g = spec.$geometry as { type?: string; coordinates?: LngLat[][] | LngLat[][][] } | undefined
  const polygons = g?.type === 'Polygon' ? [g.coordinates as LngLat[][]] : g?.type === 'MultiPolygon' ? (g.coordinates as LngLat[][][]) : null
  if (!polygons) throw new Error('$geoWithin supports $centerSphere, Polygon and MultiPolygon')
  return {
    field,
    test: (doc) => {
      const p = fieldPoint(doc, field)
      return !!p && polygons.some(([outer, ...holes]) => insidePolygon(p, outer) && !holes.some((h) => insidePolygon(p, h)))
    },
  }
}

/**
 * Takes the geo operators mingo lacks out of a WHERE query (top level and `$and`), returning the
 * rest for mingo and the geo conditions to test by haversine.
 */
export function extractGeo(query: Record<string, unknown>): { rest: Record<string, unknown>; geo: GeoCondition[] } {
  const geo: GeoCondition[] = []
  const strip = (q: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(q)) {
      if (key === '$and' && Array.isArray(value)) {
        out.$and = value.map((v) => (isPlainObject(v) ? strip(v) : v))
      } else if (isPlainObject(value) && ('$nearSphere' in value || '$near' in value || '$geoWithin' in value)) {
        const { $nearSphere, $near, $geoWithin, ...others } = value
        const near = $nearSphere ?? $near
        if (isPlainObject(near)) geo.push(nearCondition(key, near))
        if (isPlainObject($geoWithin)) geo.push(withinCondition(key, $geoWithin))
        if (Object.keys(others).length) out[key] = others
      } else {
        out[key] = value
      }
    }
    return out
  }
  return { rest: strip(query), geo }
}

/**
 * The `$geoNear` aggregation stage (first stage only) over the 2dsphere-indexed field `key`:
 * filter, distance field, nearest first.
 */
export function geoNear(docs: Doc[], key: string, spec: Record<string, unknown>, matches: (doc: Doc, query: Record<string, unknown>) => boolean): Doc[] {
  const center = pointOf(spec.near)
  const distanceField = spec.distanceField
  if (!center || typeof distanceField !== 'string') throw new Error('$geoNear needs near and distanceField')
  const max = typeof spec.maxDistance === 'number' ? spec.maxDistance : Infinity
  const min = typeof spec.minDistance === 'number' ? spec.minDistance : 0
  const query = isPlainObject(spec.query) ? spec.query : {}
  const located = docs.flatMap((doc) => {
    const p = fieldPoint(doc, key)
    if (!p || !matches(doc, query)) return []
    const d = haversine(center, p)
    return d >= min && d <= max ? [{ doc, d }] : []
  })
  // `limit` (or its older name `num`) caps the stage's output, as MongoDB before 4.2 did (default 100 there).
  const cap = typeof spec.limit === 'number' ? spec.limit : typeof spec.num === 'number' ? spec.num : Infinity
  return located
    .sort((a, b) => a.d - b.d)
    .slice(0, cap)
    .map(({ doc, d }) => ({ ...doc, [distanceField]: d }))
}


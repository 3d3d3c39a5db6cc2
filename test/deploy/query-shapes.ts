/**
 * Which index a query needs: its shape (equality, range and geo fields, sort) from the request the
 * SDK sent, and whether a declared index serves it (equality fields first, then the sort fields in
 * order, then range fields; `_id` equality is always served; geo needs a 2dsphere key).
 */
import type { CollectionDeclaration, IndexKey } from '../../server/adapters/cloudbase/collection-schema'
import type { SeenRequest } from '../cloudbase-standin'
import { decode, isPlainObject } from '../cloudbase-standin/ejson'

export interface QueryShape {
  collection: string
  action: string
  equality: string[]
  range: string[]
  geo: string[]
  sort: [string, 1 | -1][]
}

const GEO = new Set(['$nearSphere', '$near', '$geoWithin', '$geoIntersects'])
const EQUALITY_OPS = new Set(['$eq', '$in'])

type FieldSets = { equality: Set<string>; range: Set<string>; geo: Set<string> }
const empty = (): FieldSets => ({ equality: new Set(), range: new Set(), geo: new Set() })
const merge = (a: FieldSets, b: FieldSets): FieldSets => ({
  equality: new Set([...a.equality, ...b.equality]),
  range: new Set([...a.range, ...b.range]),
  geo: new Set([...a.geo, ...b.geo]),
})

/** The shapes a filter stands for: one, or one per branch of an `$or`. */
function shapesOf(filter: Record<string, unknown>): FieldSets[] {
  let shapes: FieldSets[] = [empty()]
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const part of value as Record<string, unknown>[]) shapes = shapes.flatMap((s) => shapesOf(part).map((p) => merge(s, p)))
    } else if ((key === '$or' || key === '$nor') && Array.isArray(value)) {
      const branches = (value as Record<string, unknown>[]).flatMap(shapesOf)
      shapes = shapes.flatMap((s) => branches.map((b) => merge(s, b)))
    } else if (key.startsWith('$')) {
      throw new Error(`query operator ${key} at the top level: teach test/deploy/query-shapes.ts about it`)
    } else {
      const ops = isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => k.startsWith('$')) ? Object.keys(value) : null
      const kind = !ops ? (value instanceof RegExp ? 'range' : 'equality') : ops.some((o) => GEO.has(o)) ? 'geo' : ops.every((o) => EQUALITY_OPS.has(o)) ? 'equality' : 'range'
      for (const s of shapes) s[kind].add(key)
    }
  }
  return shapes
}

/** The query shapes of one request, or none for a request by _id or one that reads nothing. */
export function requestShapes(req: SeenRequest): QueryShape[] {
  if (!req.collectionName) return []
  const collection = req.collectionName
  if (req.action === 'database.aggregateDocuments' && Array.isArray(req.stages)) {
    const [first] = req.stages as { stageKey: string; stageValue: unknown }[]
    if (first?.stageKey === '$geoNear') {
      const spec = decode(first.stageValue) as { key?: string }
      return [{ collection, action: req.action, equality: [], range: [], geo: [spec.key ?? '*'], sort: [] }]
    }
    if (first?.stageKey === '$match') return shapesOf(decode(first.stageValue) as Record<string, unknown>).map((s) => toShape(collection, req.action, s, []))
    return []
  }
  if (req.query === undefined || req.queryType === 'DOC') return []
  const filter = (decode(req.query) ?? {}) as Record<string, unknown>
  const order = req.order === undefined ? {} : ((decode(req.order) ?? {}) as Record<string, number>)
  const sort = Object.entries(order).map(([f, d]) => [f, Number(d) < 0 ? -1 : 1] as [string, 1 | -1])
  return shapesOf(filter).map((s) => toShape(collection, req.action, s, sort))
}

function toShape(collection: string, action: string, s: FieldSets, sort: [string, 1 | -1][]): QueryShape {
  return { collection, action, equality: [...s.equality].sort(), range: [...s.range].filter((f) => !s.equality.has(f)).sort(), geo: [...s.geo].sort(), sort }
}

/** True when `keys` serves the shape. */
export function indexServes(keys: readonly IndexKey[], shape: QueryShape): boolean {
  if (shape.geo.length) return shape.geo.every((g) => keys.some(([f, d]) => d === '2dsphere' && (g === '*' || f === g)))
  // A sort led by equality fields (an `$in` walked in order) is served when the index leads with them in that order.
  const lead = shape.sort.findIndex(([f]) => !shape.equality.includes(f))
  const led = lead === -1 ? shape.sort.length : lead
  if (led > 0) {
    if (shape.sort.slice(0, led).some(([f, d], i) => keys[i]?.[0] !== f || keys[i]?.[1] !== d)) return false
    return indexServes(keys, { ...shape, sort: shape.sort.slice(led) })
  }
  const e = shape.equality.length
  const head = keys.slice(0, e).map(([f]) => f)
  if (head.length !== e || !shape.equality.every((f) => head.includes(f))) return false
  const sortKeys = keys.slice(e, e + shape.sort.length)
  if (sortKeys.length !== shape.sort.length) return false
  if (shape.sort.some(([f], i) => sortKeys[i][0] !== f)) return false
  const same = shape.sort.every(([, d], i) => sortKeys[i][1] === d)
  const reversed = shape.sort.every(([, d], i) => sortKeys[i][1] === -d)
  if (shape.sort.length && !same && !reversed) return false
  const rest = keys.slice(e).map(([f]) => f)
  if (!shape.sort.length && shape.range.length) return rest.length > 0 && shape.range.includes(rest[0])
  return shape.range.every((f) => rest.includes(f))
}

/** The index every collection has. */
const ID_INDEX: readonly IndexKey[] = [['_id', 1]]

/** Why no declared index serves the shape, or null when one does (or none is needed). */
export function missingIndex(shape: QueryShape, declarations: readonly CollectionDeclaration[]): string | null {
  if (shape.equality.includes('_id')) return null
  if (!shape.equality.length && !shape.range.length && !shape.geo.length && !shape.sort.length) return null
  const declared = declarations.find((d) => d.name === shape.collection)
  const candidates = [ID_INDEX, ...(declared?.indexes.map((i) => i.keys) ?? [])]
  if (candidates.some((keys) => indexServes(keys, shape))) return null
  const parts = [
    shape.equality.length && `equal on ${shape.equality.join(', ')}`,
    shape.sort.length && `sorted by ${shape.sort.map(([f, d]) => `${f} ${d === 1 ? 'asc' : 'desc'}`).join(', ')}`,
    shape.range.length && `ranges on ${shape.range.join(', ')}`,
    shape.geo.length && `geo on ${shape.geo.join(', ')}`,
  ].filter(Boolean)
  return `${shape.collection}: ${shape.action} (${parts.join('; ')}) has no declared index that serves it`
}

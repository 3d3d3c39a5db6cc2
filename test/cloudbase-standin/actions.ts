import 'mingo/init/system'
import { randomBytes } from 'node:crypto'
import { Query, aggregate, find, update } from 'mingo'
import type { UpdateExpression } from 'mingo/updater'
import { isEqual } from 'mingo/util'
import { decode, encode, isPlainObject, type Doc } from './ejson'
import type { Change, Engine, Id } from './engine'
import { StandinError, noGeoIndex, requestFailed } from './errors'
import { extractGeo, geoNear } from './geo'

/** A request body as node-sdk sends it. */
export type Body = Record<string, unknown>
/** What goes into the reply besides `requestId`. */
export type Reply = { data?: unknown; transactionId?: string; index?: string }

type Obj = Record<string, unknown>

const invalid = (message: string) => new StandinError('INVALID_PARAM', message)
const newId = () => randomBytes(16).toString('hex')

function object(value: unknown, what: string): Obj {
  const v = decode(value)
  if (v === undefined) return {}
  if (!isPlainObject(v)) throw invalid(`${what} must be an object`)
  return v
}

/** The request's collection, which must have been created (CloudBase never creates one on first use). */
function collectionOf(engine: Engine, body: Body): string {
  if (typeof body.collectionName !== 'string' || !body.collectionName) throw invalid('collectionName is required')
  engine.schema.require(body.collectionName)
  return body.collectionName
}

function txOf(body: Body): string | undefined {
  return typeof body.transactionId === 'string' && body.transactionId ? body.transactionId : undefined
}

/** CloudBase allows only document operations by _id inside a transaction. */
function requireDocInTransaction(body: Body): void {
  if (txOf(body) && body.queryType !== 'DOC') {
    throw new StandinError('DATABASE_REQUEST_FAILED', 'only document operations by _id are allowed in a transaction')
  }
}

function docIdOf(query: Obj): Id {
  const id = query._id
  if (typeof id !== 'string' && typeof id !== 'number') throw invalid('a DOC query needs an _id')
  return id
}

/**
 * The documents a query names by `_id` (`_id: x` or `_id: {$in: [...]}` at its top level), read
 * through the `_id` index every collection has, in `_id` order as MongoDB's index scan returns
 * them; undefined when the query names no ids, and every document is looked at. The whole query
 * is still tested on each, so the answer is the same, without a scan of the collection per
 * request that CloudBase would not make either (the request's latency is charged as before).
 */
function idLookup(engine: Engine, coll: string, query: Obj): Doc[] | undefined {
  const cond = query._id
  const ids = typeof cond === 'string' || typeof cond === 'number' ? [cond] : isPlainObject(cond) && Object.keys(cond).length === 1 && Array.isArray(cond.$in) ? (cond.$in as unknown[]) : undefined
  if (!ids || !ids.every((id): id is Id => typeof id === 'string' || typeof id === 'number')) return undefined
  const docs = [...new Set(ids)].map((id) => engine.get(coll, id)).filter((d): d is Doc => d !== undefined)
  return docs.sort((a, b) => compareIds(a._id as Id, b._id as Id))
}

/** MongoDB's order of `_id` values: numbers before strings, each by value. */
const compareIds = (a: Id, b: Id) => (typeof a !== typeof b ? (typeof a === 'number' ? -1 : 1) : a < b ? -1 : a > b ? 1 : 0)

/**
 * The documents of `coll` matching a WHERE query, nearest first when it holds `$nearSphere` (which
 * needs a 2dsphere index), and the declared index read for them (none: every document was tested).
 * Documents named by `_id` are read by id; else a declared index whose keys bound the query (an
 * equality prefix, a range after it) gives the documents to test, in the collection's order as the
 * scan gives them; else every document is tested.
 */
function selectWithIndex(engine: Engine, coll: string, query: Obj): { docs: Doc[]; index?: string } {
  const { rest, geo } = extractGeo(query)
  const indexed = engine.schema.geoFields(coll)
  for (const g of geo) if (g.distance && !indexed.includes(g.field)) throw noGeoIndex(coll, g.field)
  const mingo = new Query(rest)
  const byId = idLookup(engine, coll, rest)
  const ranged = byId || geo.length > 0 ? undefined : engine.indexes(coll).candidates(rest)
  const hits = (byId ?? ranged?.docs ?? engine.docs(coll)).filter((d) => geo.every((g) => g.test(d)) && mingo.test(d))
  const near = geo.find((g) => g.distance)?.distance
  return { docs: near ? hits.sort((a, b) => near(a) - near(b)) : hits, index: byId ? '_id_' : ranged?.index }
}

const select = (engine: Engine, coll: string, query: Obj): Doc[] => selectWithIndex(engine, coll, query).docs

/**
 * The first `need` matches of a query in `order` (ties in the collection's order, as the scan's
 * stable sort leaves them), read along a declared index that gives the order, from the start of
 * the query's range and stopping once `need` have matched, as MongoDB reads an index range;
 * undefined when the query names `_id`s or is a geo query, or no declared index gives the order.
 */
function orderedRead(engine: Engine, coll: string, query: Obj, order: Obj, need: number): { docs: Doc[]; index: string } | undefined {
  if (extractGeo(query).geo.length > 0 || idLookup(engine, coll, query)) return undefined
  const mingo = new Query(query)
  return engine.indexes(coll).ordered(query, order as Record<string, number>, need, (d) => mingo.test(d))
}

function targets(engine: Engine, coll: string, body: Body, query: Obj): Doc[] {
  if (body.queryType === 'DOC') {
    const doc = engine.get(coll, docIdOf(query))
    return doc ? [doc] : []
  }
  const hits = select(engine, coll, query)
  return body.multi === true ? hits : hits.slice(0, 1)
}

function applyUpdate(doc: Doc, data: Obj): Doc {
  const out = structuredClone(doc)
  const operators = Object.keys(data).length > 0 && Object.keys(data).every((k) => k.startsWith('$'))
  const expressions = operators ? Object.entries(data) : [['$set', data] as const]
  for (const [op, spec] of expressions) {
    if (isPlainObject(spec) && Object.keys(spec).some((f) => f === '_id' || f.startsWith('_id.'))) throw invalid('不能更新_id的值')
    if (isPlainObject(spec)) for (const path of Object.keys(spec)) refuseThroughNull(out, path)
    update(out, { [op]: spec } as UpdateExpression)
  }
  return out
}

/**
 * MongoDB (and so CloudBase) refuses a dotted path through a field that holds null or a scalar:
 * "Cannot create field 'x' in element {draft: null}". mingo would create it quietly.
 */
function refuseThroughNull(doc: Doc, path: string): void {
  const parts = path.split('.')
  let at: unknown = doc
  for (const [i, key] of parts.slice(0, -1).entries()) {
    if (!isPlainObject(at) && !Array.isArray(at)) return
    const next = (at as Record<string, unknown>)[key]
    if (next === undefined) return
    if (next === null || typeof next !== 'object') throw invalid(`Cannot create field '${parts[i + 1]}' in element {${key}: ${JSON.stringify(next)}}`)
    at = next
  }
}

/** The fields an upsert starts from: the equality conditions of the query. */
function seed(query: Obj, id: Id): Doc {
  const fields = Object.entries(query).filter(([k, v]) => !k.startsWith('$') && !(isPlainObject(v) && Object.keys(v).some((o) => o.startsWith('$'))))
  return { ...Object.fromEntries(fields), _id: id }
}

function nextDoc(body: Body, old: Doc | null, id: Id, query: Obj, data: Obj): Doc {
  if (body.merge === false) return { ...structuredClone(data), _id: id }
  return applyUpdate(old ?? seed(query, id), data)
}

async function getDocument(engine: Engine, body: Body): Promise<Reply> {
  requireDocInTransaction(body)
  const coll = collectionOf(engine, body)
  const query = object(body.query, 'query')
  const projection = body.projection === undefined ? undefined : object(body.projection, 'projection')
  if (body.queryType === 'DOC') {
    const doc = engine.get(coll, docIdOf(query), txOf(body))
    const list = doc ? find([doc], {}, projection).all() : []
    return { data: { list: list.map(encode) } }
  }
  const offset = typeof body.offset === 'number' ? body.offset : 0
  const limit = Math.min(typeof body.limit === 'number' ? body.limit : 100, 1000)
  const order = body.order === undefined ? undefined : object(body.order, 'order')
  const read = order ? orderedRead(engine, coll, query, order, offset + limit) : undefined
  if (read) {
    const list = find(read.docs.slice(offset, offset + limit), {}, projection).all()
    return { data: { list: list.map(encode), offset, limit }, index: read.index }
  }
  const selected = selectWithIndex(engine, coll, query)
  let cursor = find(selected.docs, {}, projection)
  if (order) cursor = cursor.sort(order as Record<string, 1 | -1>)
  const list = cursor.skip(offset).limit(limit).all()
  return { data: { list: list.map(encode), offset, limit }, ...(selected.index ? { index: selected.index } : {}) }
}

async function calculateDocument(engine: Engine, body: Body): Promise<Reply> {
  requireDocInTransaction(body)
  const query = object(body.query, 'query')
  const selected = selectWithIndex(engine, collectionOf(engine, body), query)
  return { data: { total: selected.docs.length }, ...(selected.index ? { index: selected.index } : {}) }
}

async function insertDocument(engine: Engine, body: Body): Promise<Reply> {
  const coll = collectionOf(engine, body)
  if (!Array.isArray(body.data) || body.data.length === 0) throw invalid('data must be a non-empty array')
  const docs = body.data.map((d) => {
    const doc = object(d, 'document')
    return { ...doc, _id: (doc._id as Id | undefined) ?? newId() } as Doc
  })
  const ids = docs.map((d) => d._id)
  const dup = new StandinError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${coll} index: _id_`)
  if (new Set(ids).size !== ids.length) throw dup
  const changes: Change[] = docs.map((doc) => ({ id: doc._id, doc }))
  const tx = txOf(body)
  if (tx) {
    if (ids.some((id) => engine.get(coll, id, tx))) throw dup
    engine.writeInTransaction(tx, coll, changes)
  } else {
    await engine.writeOutside(coll, () => {
      if (ids.some((id) => engine.get(coll, id))) throw dup
      return { ids, changes, result: undefined }
    })
  }
  return { data: { insertedIds: ids } }
}

async function modifyDocument(engine: Engine, body: Body): Promise<Reply> {
  requireDocInTransaction(body)
  const coll = collectionOf(engine, body)
  const query = object(body.query, 'query')
  const data = object(body.data, 'data')
  const upsert = body.upsert === true
  const tx = txOf(body)
  if (tx) {
    const id = docIdOf(query)
    const old = engine.get(coll, id, tx) ?? null
    if (!old && !upsert) return { data: { updated: 0 } }
    const doc = nextDoc(body, old, id, query, data)
    const changed = !old || !isEqual(old, doc)
    if (changed) engine.writeInTransaction(tx, coll, [{ id, doc }])
    return { data: old ? { updated: changed ? 1 : 0 } : { updated: 0, upsert_id: id } }
  }
  const result = await engine.writeOutside<{ updated: number; upsert_id?: Id }>(coll, () => {
    const olds = targets(engine, coll, body, query)
    if (olds.length === 0 && upsert) {
      const id = body.queryType === 'DOC' ? docIdOf(query) : ((query._id as Id | undefined) ?? newId())
      return { ids: [id], changes: [{ id, doc: nextDoc(body, null, id, query, data) }], result: { updated: 0, upsert_id: id } }
    }
    const changes = olds
      .map((old) => ({ old, id: old._id, doc: nextDoc(body, old, old._id, query, data) }))
      .filter((c) => !isEqual(c.old, c.doc))
      .map(({ id, doc }) => ({ id, doc }))
    return { ids: olds.map((d) => d._id), changes, result: { updated: changes.length } }
  })
  return { data: result }
}

async function removeDocument(engine: Engine, body: Body): Promise<Reply> {
  requireDocInTransaction(body)
  const coll = collectionOf(engine, body)
  const query = object(body.query, 'query')
  const tx = txOf(body)
  if (tx) {
    const id = docIdOf(query)
    if (!engine.get(coll, id, tx)) return { data: { deleted: 0 } }
    engine.writeInTransaction(tx, coll, [{ id, doc: null }])
    return { data: { deleted: 1 } }
  }
  const deleted = await engine.writeOutside(coll, () => {
    const ids = targets(engine, coll, body, query).map((d) => d._id)
    return { ids, changes: ids.map((id) => ({ id, doc: null })), result: ids.length }
  })
  return { data: { deleted } }
}

const AGGREGATE_DEFAULT = 20
const AGGREGATE_MAX = 10_000

/** The field `$geoNear` searches: its `key`, or the collection's only 2dsphere field, as MongoDB picks it. */
function geoNearKey(engine: Engine, coll: string, spec: Obj): string {
  const indexed = engine.schema.geoFields(coll)
  if (typeof spec.key === 'string') {
    if (!indexed.includes(spec.key)) throw noGeoIndex(coll, spec.key)
    return spec.key
  }
  if (indexed.length === 0) throw noGeoIndex(coll, '(none)')
  if (indexed.length > 1) throw requestFailed(`$geoNear: more than one 2dsphere index on ${coll}; name the field with key`)
  return indexed[0]
}

async function aggregateDocuments(engine: Engine, body: Body): Promise<Reply> {
  if (txOf(body)) throw new StandinError('DATABASE_REQUEST_FAILED', 'aggregate is not allowed in a transaction')
  const coll = collectionOf(engine, body)
  if (!Array.isArray(body.stages)) throw invalid('stages must be an array')
  const pipeline = (body.stages as { stageKey: string; stageValue: unknown }[]).map((s) => ({ [s.stageKey]: decode(s.stageValue) }))
  let docs = engine.docs(coll)
  if (pipeline[0] && '$geoNear' in pipeline[0]) {
    const spec = pipeline.shift()!.$geoNear
    if (!isPlainObject(spec)) throw invalid('$geoNear must be an object')
    docs = geoNear(docs, geoNearKey(engine, coll, spec), spec, (d, q) => new Query(q).test(d))
  }
  if (pipeline.some((s) => '$geoNear' in s)) throw new StandinError('DATABASE_REQUEST_FAILED', '$geoNear is only valid as the first stage')
  const resolver = (name: string) => (engine.schema.require(name), engine.docs(name))
  const list = aggregate(structuredClone(docs), pipeline, { collectionResolver: resolver })
  // Measured on CloudBase, not documented: 20 results without a $limit stage, at most 10,000 with one.
  const cap = pipeline.some((s) => '$limit' in s) ? AGGREGATE_MAX : AGGREGATE_DEFAULT
  return { data: { list: list.slice(0, cap).map(encode) } }
}

const ACTIONS: Record<string, (engine: Engine, body: Body) => Promise<Reply>> = {
  'database.getDocument': getDocument,
  'database.calculateDocument': calculateDocument,
  'database.insertDocument': insertDocument,
  'database.modifyDocument': modifyDocument,
  'database.removeDocument': removeDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.startTransaction': async (engine) => ({ transactionId: engine.begin() }),
  'database.commitTransaction': async (engine, body) => (engine.commit(String(body.transactionId)), {}),
  'database.abortTransaction': async (engine, body) => (engine.abort(String(body.transactionId)), {}),
}

/** Runs one request; a failure inside a transaction aborts it, as in MongoDB. */
export async function dispatch(engine: Engine, body: Body): Promise<Reply> {
  const run = typeof body.action === 'string' ? ACTIONS[body.action] : undefined
  if (!run) throw new StandinError('INVALID_ACTION', `unsupported action: ${String(body.action)}`)
  const tx = txOf(body)
  try {
    return await run(engine, body)
  } catch (err) {
    if (tx && !String(body.action).endsWith('Transaction')) engine.abortOnError(tx)
    throw err
  }
}

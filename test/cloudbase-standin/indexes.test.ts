import { find } from 'mingo'
import { dispatch, type Body } from './actions'
import { decode, encode, type Doc } from './ejson'
import { Engine, type Change } from './engine'
import { Schema } from './schema'

/**
 * The stand-in reads through a collection's declared indexes (test/cloudbase-standin/indexes.ts);
 * these tests hold it to the scan's answers: the same documents in the same order, for random
 * documents, writes and queries, against mingo testing and sorting every document as before.
 */

/** A small seeded generator (mulberry32), so a failure can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]
  return { next, int, pick, chance: (p: number) => next() < p }
}
type Rng = ReturnType<typeof rng>

const COLL = 'p'
const DAYS = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05']
const PATHS = ['u0', 'u1', 'u2', 'u3']

/** A random document: arrays, ties, missing fields, nulls, mixed types, now and then a value no index can order by. */
function randomDoc(r: Rng, id: string): Doc {
  const doc: Doc = { _id: id }
  const put = (field: string, value: () => unknown) => {
    if (r.chance(0.1)) return
    doc[field] = r.chance(0.05) ? null : value()
  }
  put('unitPath', () => (r.chance(0.85) ? [...new Set([r.pick(PATHS), r.pick(PATHS), r.pick(PATHS)])].slice(0, 1 + r.int(3)) : r.chance(0.5) ? r.pick(PATHS) : []))
  put('status', () => r.pick(['pending', 'approved', 'approved', 'rejected']))
  put('paidOn', () => (r.chance(0.9) ? r.pick(DAYS) : r.chance(0.5) ? r.int(5) : new Date(Date.UTC(2026, 0, 1 + r.int(5)))))
  put('n', () => (r.chance(0.95) ? r.int(6) : r.chance(0.5) ? String(r.int(6)) : r.chance(0.5) ? { odd: 1 } : [r.int(3), r.int(3)]))
  put('flag', () => r.chance(0.5))
  return doc
}

const INDEXES = [
  { name: 'unitPath_asc_status_asc_paidOn_asc__id_asc', keys: [['unitPath', 1], ['status', 1], ['paidOn', 1], ['_id', 1]] as const },
  { name: 'status_asc_n_desc__id_asc', keys: [['status', 1], ['n', -1], ['_id', 1]] as const },
  { name: 'n_asc', keys: [['n', 1]] as const },
  { name: 'flag_asc_paidOn_desc', keys: [['flag', 1], ['paidOn', -1]] as const },
]

/** A random query on those fields: equalities (on the array field too), ranges (open, closed, empty, of two types), `$and`, `$or`. */
function randomQuery(r: Rng): Record<string, unknown> {
  const parts: Record<string, unknown>[] = []
  if (r.chance(0.7)) parts.push({ unitPath: r.pick(PATHS) })
  if (r.chance(0.7)) parts.push({ status: r.chance(0.9) ? r.pick(['pending', 'approved', 'rejected']) : { $eq: 'approved' } })
  if (r.chance(0.15)) parts.push({ flag: r.chance(0.5) })
  const range = (field: string, values: readonly unknown[]) => {
    const ops = ['$gt', '$gte', '$lt', '$lte']
    for (let i = r.int(3); i > 0; i--) parts.push({ [field]: { [r.pick(ops)]: r.pick(values) } })
  }
  if (r.chance(0.5)) range('paidOn', r.chance(0.9) ? DAYS : [2, '2026-01-03', new Date(Date.UTC(2026, 0, 3))])
  if (r.chance(0.3)) range('n', [0, 1, 2, 3, 4, 5])
  if (r.chance(0.2)) parts.push({ paidOn: r.pick(DAYS), _id: { $gt: `d${r.int(40)}` } })
  if (r.chance(0.1)) parts.push({ $or: [{ n: r.int(6) }, { flag: true }] })
  if (r.chance(0.5)) return { $and: parts }
  const flat: Record<string, unknown> = {}
  for (const p of parts) for (const [k, v] of Object.entries(p)) if (!(k in flat)) flat[k] = v
  return flat
}

const ORDERS: Record<string, 1 | -1>[] = [
  { paidOn: 1, _id: 1 },
  { paidOn: -1, _id: -1 },
  { paidOn: 1, _id: -1 },
  { _id: 1 },
  { _id: -1 },
  { n: -1, _id: 1 },
  { n: 1, _id: -1 },
  { n: 1 },
  { n: -1 },
  { paidOn: -1 },
  { paidOn: 1 },
  { status: 1, n: -1 },
  { flag: 1 },
]

function newEngine(): Engine {
  const engine = new Engine(new Schema())
  engine.schema.create(COLL)
  for (const ix of INDEXES) engine.createIndex(COLL, { ...ix, unique: false })
  return engine
}

const scanRead = (engine: Engine, query: object, order: Record<string, 1 | -1> | undefined, offset: number, limit: number) => {
  let cursor = find(engine.docs(COLL), query as Record<string, unknown>)
  if (order) cursor = cursor.sort(order)
  return cursor.skip(offset).limit(limit).all().map((d) => encode(d))
}

async function read(engine: Engine, query: object, order: object | undefined, offset: number, limit: number) {
  const body: Body = { action: 'database.getDocument', collectionName: COLL, queryType: 'WHERE', query, offset, limit, ...(order ? { order } : {}) }
  const reply = await dispatch(engine, body)
  return { list: (reply.data as { list: string[] }).list, index: reply.index }
}

/** A random write outside transactions: an insert, a replacement, an update of many, a remove. */
async function randomWrite(engine: Engine, r: Rng, ids: { next: number }): Promise<void> {
  const docs = engine.docs(COLL)
  const kind = docs.length < 10 ? 0 : r.int(4)
  if (kind === 0) {
    const doc = randomDoc(r, `d${ids.next++}`)
    await dispatch(engine, { action: 'database.insertDocument', collectionName: COLL, data: [doc] })
  } else if (kind === 1) {
    const id = r.pick(docs)._id
    await dispatch(engine, { action: 'database.modifyDocument', collectionName: COLL, queryType: 'DOC', query: { _id: id }, data: randomDoc(r, String(id)), merge: false })
  } else if (kind === 2) {
    await dispatch(engine, { action: 'database.modifyDocument', collectionName: COLL, queryType: 'WHERE', multi: true, query: randomQuery(r), data: { $set: { n: r.int(6), paidOn: r.pick(DAYS) } } })
  } else {
    const id = r.pick(docs)._id
    await dispatch(engine, { action: 'database.removeDocument', collectionName: COLL, queryType: 'DOC', query: { _id: id } })
  }
}

/** A transaction of a few writes by _id, committed or rolled back. */
function randomTransaction(engine: Engine, r: Rng, ids: { next: number }): void {
  const tx = engine.begin()
  const docs = engine.docs(COLL)
  const changes: Change[] = []
  for (let i = 1 + r.int(4); i > 0; i--) {
    if (r.chance(0.4) || docs.length === 0) {
      const id = `d${ids.next++}`
      changes.push({ id, doc: randomDoc(r, id) })
    } else {
      const id = r.pick(docs)._id
      if (changes.some((c) => c.id === id)) continue
      changes.push({ id, doc: r.chance(0.3) ? null : randomDoc(r, String(id)) })
    }
  }
  engine.writeInTransaction(tx, COLL, changes)
  if (r.chance(0.5)) engine.commit(tx)
  else engine.abort(tx)
}

describe('reads through declared indexes give the scan answers', () => {
  test.each([1, 2, 3, 4, 5, 6])('random documents, writes, transactions and queries (seed %i)', async (seed) => {
    const r = rng(seed)
    const engine = newEngine()
    const ids = { next: 0 }
    const used = new Map<string, number>()
    let reads = 0
    for (let i = 0; i < 60; i++) await randomWrite(engine, r, ids)
    for (let step = 0; step < 400; step++) {
      // Emptied once (its collection and indexes kept), as tests do between cases.
      if (step === 200) engine.reset()
      const roll = r.next()
      if (roll < 0.15) await randomWrite(engine, r, ids)
      else if (roll < 0.2) randomTransaction(engine, r, ids)
      else {
        const query = randomQuery(r)
        const order = r.chance(0.9) ? r.pick(ORDERS) : undefined
        const offset = r.chance(0.5) ? 0 : r.int(8)
        const limit = 1 + r.int(r.chance(0.2) ? 100 : 8)
        const got = await read(engine, query, order, offset, limit)
        expect({ query, order, offset, limit, list: got.list.map((s) => decode(s)) }).toEqual({ query, order, offset, limit, list: scanRead(engine, query, order, offset, limit).map((s) => decode(s)) })
        const counted = await dispatch(engine, { action: 'database.calculateDocument', collectionName: COLL, query })
        expect((counted.data as { total: number }).total).toBe(find(engine.docs(COLL), query).all().length)
        reads++
        if (got.index) used.set(got.index, (used.get(got.index) ?? 0) + 1)
      }
    }
    // The index path was taken, and by more than one index: otherwise this compared the scan with itself.
    const viaIndex = [...used.values()].reduce((a, b) => a + b, 0)
    expect(viaIndex).toBeGreaterThan(reads / 3)
    expect(used.size).toBeGreaterThanOrEqual(3)
  })

  test('an index kept up to date holds the same entries as one built from the data now', async () => {
    const r = rng(42)
    const engine = newEngine()
    const ids = { next: 0 }
    for (let i = 0; i < 40; i++) await randomWrite(engine, r, ids)
    const first = await read(engine, { unitPath: 'u1' }, { paidOn: 1, _id: 1 }, 0, 1000)
    expect(first.index).toBe('unitPath_asc_status_asc_paidOn_asc__id_asc')
    const declared = engine.schema.indexes(COLL).find((i) => i.name === INDEXES[0].name)!
    const built = engine.indexes(COLL).index(declared)
    for (let i = 0; i < 200; i++) {
      if (r.chance(0.8)) await randomWrite(engine, r, ids)
      else randomTransaction(engine, r, ids)
    }
    for (let i = 0; i < 100; i++) await dispatch(engine, { action: 'database.insertDocument', collectionName: COLL, data: [randomDoc(r, `d${ids.next++}`)] })
    // The same index, kept up to date through every write since it was built, not built again.
    expect(engine.indexes(COLL).index(declared)).toBe(built)
    const keptBefore = built.entriesInOrder()
    expect(keptBefore.length).toBeGreaterThan(100)
    engine.indexes(COLL).drop(INDEXES[0].name)
    expect(engine.indexes(COLL).index(declared).entriesInOrder()).toEqual(keptBefore)
    // After a reset the collection's indexes start again from no document, and are kept up to date as before.
    engine.reset()
    for (let i = 0; i < 30; i++) await dispatch(engine, { action: 'database.insertDocument', collectionName: COLL, data: [randomDoc(r, `r${i}`)] })
    for (let i = 0; i < 30; i++) await randomWrite(engine, r, ids)
    const afterReset = engine.indexes(COLL).index(declared).entriesInOrder()
    engine.indexes(COLL).drop(INDEXES[0].name)
    expect(engine.indexes(COLL).index(declared).entriesInOrder()).toEqual(afterReset)
    expect(afterReset.length).toBeGreaterThan(30)
    const entries = engine.indexes(COLL).index(declared).entriesInOrder()
    for (let i = 0; i < 100; i++) {
      if (r.chance(0.8)) await randomWrite(engine, r, ids)
      else randomTransaction(engine, r, ids)
    }
    const kept = engine.indexes(COLL).index(declared).entriesInOrder()
    engine.indexes(COLL).drop(INDEXES[0].name)
    const again = engine.indexes(COLL).index(declared).entriesInOrder()
    expect(kept).not.toEqual(entries)
    expect(kept).toEqual(again)
  })

  test('a query no declared index serves is answered by testing every document', async () => {
    const engine = newEngine()
    const r = rng(7)
    const ids = { next: 0 }
    for (let i = 0; i < 30; i++) await randomWrite(engine, r, ids)
    // paidOn leads no index (it follows flag): neither its order nor its range is served.
    const byDay = await read(engine, { paidOn: { $gte: '2026-01-02' } }, { paidOn: 1, _id: 1 }, 0, 10)
    expect(byDay.index).toBeUndefined()
    expect(byDay.list).toEqual(scanRead(engine, { paidOn: { $gte: '2026-01-02' } }, { paidOn: 1, _id: 1 }, 0, 10))
    // An order by a field holding arrays (n holds one now and then) or objects cannot be read from an index.
    await dispatch(engine, { action: 'database.insertDocument', collectionName: COLL, data: [{ _id: 'arr', n: [1, 5], status: 'approved' }] })
    const byN = await read(engine, {}, { n: 1 }, 0, 50)
    expect(byN.index).toBeUndefined()
    expect(byN.list).toEqual(scanRead(engine, {}, { n: 1 }, 0, 50))
    // With an equality the index bounds, it still gives the documents to test (then sorted as the scan sorts).
    const approved = await read(engine, { status: 'approved' }, { n: -1, _id: 1 }, 0, 50)
    expect(approved.index).toBe('status_asc_n_desc__id_asc')
    expect(approved.list).toEqual(scanRead(engine, { status: 'approved' }, { n: -1, _id: 1 }, 0, 50))
    // Once it is gone, the same read goes through the index again, with the same answer as the scan.
    await dispatch(engine, { action: 'database.removeDocument', collectionName: COLL, queryType: 'DOC', query: { _id: 'arr' } })
    const odd = engine.docs(COLL).filter((d) => typeof d.n === 'object' && d.n !== null)
    for (const d of odd) await dispatch(engine, { action: 'database.removeDocument', collectionName: COLL, queryType: 'DOC', query: { _id: d._id } })
    const again = await read(engine, {}, { n: 1 }, 0, 50)
    expect(again.index).toBe('n_asc')
    expect(again.list).toEqual(scanRead(engine, {}, { n: 1 }, 0, 50))
  })

  test('a dropped index is no longer read', async () => {
    const engine = newEngine()
    await dispatch(engine, { action: 'database.insertDocument', collectionName: COLL, data: [{ _id: 'a', n: 2 }, { _id: 'b', n: 1 }] })
    expect((await read(engine, { n: { $gte: 1 } }, { n: 1 }, 0, 10)).index).toBe('n_asc')
    engine.dropIndex(COLL, 'n_asc')
    const after = await read(engine, { n: { $gte: 1 } }, { n: 1 }, 0, 10)
    expect(after.index).toBeUndefined()
    expect(after.list.map((s) => (decode(s) as Doc)._id)).toEqual(['b', 'a'])
  })
})

import { resolve } from 'mingo/util'
import { isPlainObject, type Doc } from './ejson'
import type { StandinIndex } from './schema'

type Id = string | number
type Obj = Record<string, unknown>

/**
 * A key value as an index holds it: its rank in mingo's sort order (which the scan's sort uses:
 * missing and null 2, numbers 3, strings 4, booleans 9, dates 10) and what orders it within the
 * rank (`<`, a date by its time). Anything else (an object, a nested array, NaN, a regex) is rank
 * ODD: such a field cannot bound or order a read, only be carried.
 */
interface Key {
  r: number
  v: string | number | boolean
}

const ODD = 100
const NULL_KEY: Key = { r: 2, v: 0 }
const ODD_KEY: Key = { r: ODD, v: 0 }

function keyOf(v: unknown): Key {
  if (v === undefined || v === null) return NULL_KEY
  if (typeof v === 'number') return Number.isNaN(v) ? ODD_KEY : { r: 3, v }
  if (typeof v === 'string') return { r: 4, v }
  if (typeof v === 'boolean') return { r: 9, v }
  if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]') {
    const t = (v as Date).getTime()
    return Number.isNaN(t) ? ODD_KEY : { r: 10, v: t }
  }
  return ODD_KEY
}

/** A query value an index can look up or bound by (not null: `{f: null}` also matches a missing field and `[]`). */
function lookupKey(v: unknown): Key | undefined {
  if (v === undefined || v === null) return undefined
  const k = keyOf(v)
  return k.r === ODD ? undefined : k
}

const compareKeys = (a: Key, b: Key) => (a.r !== b.r ? a.r - b.r : a.v === b.v ? 0 : a.v < b.v ? -1 : 1)

/** One entry of an index: a document's keys (one entry per element of an array field: multikey) and its place in the collection's order. */
interface Entry {
  keys: Key[]
  seq: number
  id: Id
}

/** Entries per chunk of the sorted list: a write moves at most about this many, not the whole index. */
const CHUNK = 512

interface Pos {
  c: number
  j: number
}

/**
 * A declared index over the committed documents of a collection, kept in order as the documents
 * change: entries sorted by the index's keys in its directions, then by the document's place in
 * the collection (its insertion order, which the scan returns documents in).
 */
export class KeyIndex {
  readonly fields: string[]
  readonly dirs: number[]
  /** Per field, documents holding an array there (multikey), and documents holding a value no bound or order can use. */
  readonly arrays: number[]
  readonly odd: number[]
  /** Fields without a dot: read as the document's property. */
  private readonly plain: boolean[]
  private chunks: Entry[][] = []

  constructor(
    readonly declared: StandinIndex,
    docs: Iterable<[Doc, number]>,
  ) {
    this.fields = declared.keys.map(([f]) => f)
    this.dirs = declared.keys.map(([, d]) => (d === -1 ? -1 : 1))
    this.arrays = this.fields.map(() => 0)
    this.odd = this.fields.map(() => 0)
    this.plain = this.fields.map((f) => !f.includes('.'))
    const all: Entry[] = []
    for (const [doc, seq] of docs) for (const e of this.entries(doc, seq, 1)) all.push(e)
    all.sort(this.compare)
    for (let i = 0; i < all.length; i += CHUNK) this.chunks.push(all.slice(i, i + CHUNK))
  }


  insert(doc: Doc, seq: number): void {
    for (const e of this.entries(doc, seq, 1)) {
      const at = this.seek((x) => this.compare(x, e) >= 0)
      if (this.chunks.length === 0) this.chunks.push([e])
      else if (at.c === this.chunks.length) this.chunks[at.c - 1].push(e)
      else this.chunks[at.c].splice(at.j, 0, e)
      const c = Math.min(at.c, this.chunks.length - 1)
      if (this.chunks[c].length > 2 * CHUNK) this.chunks.splice(c, 1, this.chunks[c].slice(0, CHUNK), this.chunks[c].slice(CHUNK))
    }
  }

  remove(doc: Doc, seq: number): void {
    for (const e of this.entries(doc, seq, -1)) {
      const at = this.seek((x) => this.compare(x, e) >= 0)
      const chunk = this.chunks[at.c]
      if (!chunk || this.compare(chunk[at.j], e) !== 0) throw new Error(`stand-in index ${this.declared.name}: no entry for ${String(doc._id)}`)
      chunk.splice(at.j, 1)
      if (chunk.length === 0) this.chunks.splice(at.c, 1)
    }
  }

  /** Entries in index order from the first whose first `probe.length` keys compare >= probe (or > with `after`). */
  seekProbe(probe: readonly Key[], after: boolean): Pos {
    return this.seek((x) => {
      const c = this.compareProbe(x, probe)
      return after ? c > 0 : c >= 0
    })
  }

  /** Visits entries from `from` (inclusive) to `to` (exclusive), forwards or backwards, until `visit` returns false. */
  walk(from: Pos, to: Pos, backwards: boolean, visit: (e: Entry) => boolean): void {
    const before = (a: Pos, b: Pos) => a.c < b.c || (a.c === b.c && a.j < b.j)
    if (!backwards) {
      let { c, j } = from
      while (before({ c, j }, to)) {
        if (!visit(this.chunks[c][j])) return
        if (++j >= this.chunks[c].length) {
          c += 1
          j = 0
        }
      }
      return
    }
    let { c, j } = to
    for (;;) {
      if (j === 0) {
        if (c === 0) return
        c -= 1
        j = this.chunks[c].length
      }
      j -= 1
      if (before({ c, j }, from)) return
      if (!visit(this.chunks[c][j])) return
    }
  }

  /** Every entry in index order (for tests). */
  entriesInOrder(): Entry[] {
    return this.chunks.flat()
  }

  readonly compare = (a: Entry, b: Entry): number => {
    for (let i = 0; i < this.dirs.length; i++) {
      const c = compareKeys(a.keys[i], b.keys[i])
      if (c !== 0) return c * this.dirs[i]
    }
    return a.seq - b.seq
  }

  private compareProbe(a: Entry, probe: readonly Key[]): number {
    for (let i = 0; i < probe.length; i++) {
      const c = compareKeys(a.keys[i], probe[i])
      if (c !== 0) return c * this.dirs[i]
    }
    return 0
  }

  /** The first position whose entry passes `test` (false for every entry before it, true after). */
  private seek(test: (e: Entry) => boolean): Pos {
    let lo = 0
    let hi = this.chunks.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      const chunk = this.chunks[mid]
      if (test(chunk[chunk.length - 1])) hi = mid
      else lo = mid + 1
    }
    if (lo === this.chunks.length) return { c: lo, j: 0 }
    const chunk = this.chunks[lo]
    let a = 0
    let b = chunk.length - 1
    while (a < b) {
      const mid = (a + b) >> 1
      if (test(chunk[mid])) b = mid
      else a = mid + 1
    }
    return { c: lo, j: a }
  }

  /**
   * A document's entries: one per element of an array field (an empty array holds one, as null,
   * as MongoDB's index does), duplicates dropped. Only the first array field of a document fans
   * out; a second one counts as odd there. `count` adds (1) or removes (-1) it from the tallies.
   */
  private entries(doc: Doc, seq: number, count: 1 | -1): Entry[] {
    const keys: Key[] = new Array(this.fields.length)
    let fanned = -1
    let fan: Key[] = []
    for (let i = 0; i < this.fields.length; i++) {
      // A top-level field is the document's own property, as mingo's resolve reads it.
      const v = this.plain[i] ? doc[this.fields[i]] : resolve(doc, this.fields[i])
      if (!Array.isArray(v)) {
        keys[i] = keyOf(v)
        if (keys[i].r === ODD) this.odd[i] += count
        continue
      }
      this.arrays[i] += count
      if (fanned >= 0) {
        keys[i] = ODD_KEY
        this.odd[i] += count
        continue
      }
      fanned = i
      let odd = false
      for (const x of v) {
        const k = Array.isArray(x) ? ODD_KEY : keyOf(x)
        if (k.r === ODD) odd = true
        if (!fan.some((o) => compareKeys(o, k) === 0)) fan.push(k)
      }
      if (odd) this.odd[i] += count
      if (fan.length === 0) fan = [NULL_KEY]
    }
    if (fanned < 0) return [{ keys, seq, id: doc._id }]
    return fan.map((k) => {
      const own = keys.slice()
      own[fanned] = k
      return { keys: own, seq, id: doc._id }
    })
  }

}

/** Inclusive bounds of a range condition on one field, within one rank. */
interface Bounds {
  rank: number
  lo: Key
  hi: Key
}

/** The conditions of a query an index can use: equalities and ranges on fields, from its top level and `$and`s. */
interface Conditions {
  eq: Map<string, Key>
  /** null: conditions on the field an index cannot bound by (ranks that differ). */
  range: Map<string, Bounds | null>
}

const RANGE_OPS = new Set(['$gt', '$gte', '$lt', '$lte'])

function conditionsOf(query: Obj): Conditions {
  const eq = new Map<string, Key>()
  const range = new Map<string, Bounds | null>()
  const bound = (field: string, op: string, k: Key) => {
    if (range.has(field) && range.get(field) === null) return
    // Bounds within the value's rank: mingo compares only values of the same type (the ends of the rank when open).
    const b = range.get(field) ?? { rank: k.r, lo: { r: k.r - 0.5, v: 0 }, hi: { r: k.r + 0.5, v: 0 } }
    // Ranges in two ranks: nothing matches both, and no index range holds them; left to the scan.
    if (b.rank !== k.r) return void range.set(field, null)
    if (op === '$gt' || op === '$gte') b.lo = compareKeys(k, b.lo) > 0 ? k : b.lo
    else b.hi = compareKeys(k, b.hi) < 0 ? k : b.hi
    range.set(field, b)
  }
  const walk = (q: Obj) => {
    for (const [field, v] of Object.entries(q)) {
      if (field === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isPlainObject(sub)) walk(sub)
        continue
      }
      if (field.startsWith('$')) continue
      if (!isPlainObject(v)) {
        const k = Array.isArray(v) ? undefined : lookupKey(v)
        if (k && !eq.has(field)) eq.set(field, k)
        continue
      }
      const ops = Object.keys(v)
      if (ops.length === 0 || !ops.every((o) => o.startsWith('$'))) continue
      for (const op of ops) {
        const k = Array.isArray(v[op]) ? undefined : lookupKey(v[op])
        if (!k) continue
        if (op === '$eq' && !eq.has(field)) eq.set(field, k)
        else if (RANGE_OPS.has(op)) bound(field, op, k)
      }
    }
  }
  walk(query)
  return { eq, range }
}

/** How a declared index serves a query: its equality prefix, a range on the key after it, and whether it gives the order. */
interface Plan {
  declared: StandinIndex
  prefix: Key[]
  range: Bounds | undefined
  /** Order fields' positions follow the prefix, in the index's directions (1) or all reversed (-1); 0: the order is not served. */
  orderSign: number
  score: number
}

function planFor(declared: StandinIndex, cond: Conditions, order: readonly (readonly [string, number])[]): Plan | undefined {
  if (declared.keys.some(([, d]) => d === '2dsphere')) return undefined
  const fields = declared.keys.map(([f]) => f)
  const prefix: Key[] = []
  while (prefix.length < fields.length && cond.eq.has(fields[prefix.length])) prefix.push(cond.eq.get(fields[prefix.length])!)
  const e = prefix.length
  const range = e < fields.length ? (cond.range.get(fields[e]) ?? undefined) : undefined
  let orderSign = 0
  if (order.length > 0 && e + order.length <= fields.length && order.every(([f], i) => fields[e + i] === f)) {
    const signs = order.map(([, d], i) => d * (declared.keys[e + i][1] === -1 ? -1 : 1))
    if (signs.every((s) => s === signs[0])) orderSign = signs[0]
  }
  // With an order the range must be on its first field (it is: fields[e]); without a prefix or range the index only orders.
  return { declared, prefix, range, orderSign, score: e * 2 + (range ? 1 : 0) }
}

/**
 * The declared indexes of one collection over its committed documents, kept up to date by every
 * committed write (`write`) as CloudBase keeps its indexes, so no read pays to build one (an
 * index created over data is built when it is created); dropped with the data.
 * Reads go through an index only where the index's keys serve the query (an equality prefix,
 * then a range or the order); the whole query is still tested on every document read, so the
 * answer is the scan's, and a query no declared index serves is answered by the scan.
 */
export class CollectionIndexes {
  private readonly seqs = new Map<Id, number>()
  private next = 0
  private readonly built = new Map<string, KeyIndex>()

  constructor(
    private readonly docs: Map<Id, Doc>,
    private readonly declared: () => readonly StandinIndex[],
  ) {
    for (const id of docs.keys()) this.seqs.set(id, this.next++)
    this.buildAll()
  }

  /** Builds every declared index not built yet (a 2dsphere one is not read here). */
  buildAll(): void {
    for (const declared of this.declared()) if (!declared.keys.some(([, d]) => d === '2dsphere')) this.index(declared)
  }

  /** A committed write, `prev` the document before (null: none), `doc` after (null: removed): every declared index takes it, as on CloudBase. */
  write(id: Id, prev: Doc | null, doc: Doc | null): void {
    const old = this.seqs.get(id)
    if (prev && old !== undefined) for (const ix of this.built.values()) ix.remove(prev, old)
    if (!doc) {
      this.seqs.delete(id)
      return
    }
    const seq = old ?? this.next++
    this.seqs.set(id, seq)
    for (const ix of this.built.values()) ix.insert(doc, seq)
  }

  drop(name: string): void {
    this.built.delete(name)
  }

  /** The built index for `declared`, building it now if needed. */
  index(declared: StandinIndex): KeyIndex {
    let ix = this.built.get(declared.name)
    // The schema holds each declaration as one object until it is dropped: another object is another index.
    if (ix?.declared !== declared) {
      const docs = this.docs
      const seqs = this.seqs
      ix = new KeyIndex(declared, (function* () {
        for (const [id, doc] of docs) yield [doc, seqs.get(id)!] as [Doc, number]
      })())
      this.built.set(declared.name, ix)
    }
    return ix
  }

  /**
   * The first `need` documents matching `test`, in `order` with ties in the collection's order, as
   * the scan's stable sort gives them; undefined when no declared index gives the order.
   */
  ordered(query: Obj, order: Record<string, number>, need: number, test: (doc: Doc) => boolean): { docs: Doc[]; index: string } | undefined {
    // mingo's sort: -1 descending, anything else ascending.
    const sort = Object.entries(order).map(([f, d]) => [f, d === -1 ? -1 : 1] as const)
    if (sort.length === 0) return undefined
    const cond = conditionsOf(query)
    const plans = this.plans(cond, sort).filter((p) => p.orderSign !== 0)
    for (const plan of plans) {
      const ix = this.index(plan.declared)
      const e = plan.prefix.length
      const used = [...Array(e + sort.length).keys()]
      if (used.some((i) => ix.odd[i] > 0) || used.slice(e).some((i) => ix.arrays[i] > 0)) continue
      const [from, to] = this.span(ix, plan)
      const out: Doc[] = []
      const index = plan.declared.name
      if (need <= 0) return { docs: out, index }
      const seen = new Set<Id>()
      let group: { doc: Doc; seq: number }[] = []
      let groupKeys: Key[] | undefined
      const flush = () => {
        group.sort((a, b) => a.seq - b.seq)
        for (const g of group) out.push(g.doc)
        group = []
      }
      ix.walk(from, to, plan.orderSign < 0, (entry) => {
        const keys = entry.keys.slice(e, e + sort.length)
        if (!groupKeys || keys.some((k, i) => compareKeys(k, groupKeys![i]) !== 0)) {
          flush()
          if (out.length >= need) return false
          groupKeys = keys
        }
        if (seen.has(entry.id)) return true
        seen.add(entry.id)
        const doc = this.docs.get(entry.id)!
        if (test(doc)) group.push({ doc, seq: entry.seq })
        return true
      })
      flush()
      return { docs: out, index }
    }
    return undefined
  }

  /** The documents an index range holds for this query (a superset of its matches), in the collection's order; undefined when no declared index bounds it. */
  candidates(query: Obj): { docs: Doc[]; index: string } | undefined {
    const cond = conditionsOf(query)
    for (const plan of this.plans(cond, []).filter((p) => p.score > 0)) {
      const ix = this.index(plan.declared)
      const e = plan.prefix.length
      const used = [...Array(e + (plan.range ? 1 : 0)).keys()]
      if (used.some((i) => ix.odd[i] > 0) || (plan.range && ix.arrays[e] > 0)) continue
      const [from, to] = this.span(ix, plan)
      const hits = new Map<Id, number>()
      ix.walk(from, to, false, (entry) => (hits.set(entry.id, entry.seq), true))
      return { docs: [...hits].sort((a, b) => a[1] - b[1]).map(([id]) => this.docs.get(id)!), index: plan.declared.name }
    }
    return undefined
  }

  /** Declared indexes that could serve, best first: the order served, then the longest equality prefix and a range. */
  private plans(cond: Conditions, sort: readonly (readonly [string, number])[]): Plan[] {
    return this.declared()
      .map((d) => planFor(d, cond, sort))
      .filter((p): p is Plan => p !== undefined)
      .sort((a, b) => Math.abs(b.orderSign) - Math.abs(a.orderSign) || b.score - a.score)
  }

  /** From the first entry of the plan's prefix and range to the last, in index order. */
  private span(ix: KeyIndex, plan: Plan): [Pos, Pos] {
    const e = plan.prefix.length
    if (!plan.range) return [ix.seekProbe(plan.prefix, false), ix.seekProbe(plan.prefix, true)]
    const { lo, hi } = plan.range
    const [first, last] = ix.dirs[e] === 1 ? [lo, hi] : [hi, lo]
    return [ix.seekProbe([...plan.prefix, first], false), ix.seekProbe([...plan.prefix, last], true)]
  }
}

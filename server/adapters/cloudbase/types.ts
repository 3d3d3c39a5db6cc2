/** The part of `@cloudbase/node-sdk`'s database API the repositories use, typed, and the reads and writes they share. */
import type { PageRequest } from '../../ports'

/** A document as the SDK returns it: `_id` plus stored fields. */
export type StoredDoc = Record<string, unknown> & { _id: string }

export interface DocumentRef {
  /** Outside a transaction `data` is an array; inside, the document or null. */
  get(): Promise<{ data: StoredDoc[] | StoredDoc | null }>
  set(data: object): Promise<{ updated?: number }>
  update(data: object): Promise<{ updated?: number }>
  remove(): Promise<{ deleted?: number | string }>
}

export interface QueryRef {
  where(query: object): QueryRef
  orderBy(field: string, direction: 'asc' | 'desc'): QueryRef
  skip(offset: number): QueryRef
  limit(limit: number): QueryRef
  /** Only these fields (and `_id`) of each document found. */
  field(projection: Record<string, boolean>): QueryRef
  get(): Promise<{ data: StoredDoc[] }>
  count(): Promise<{ total?: number }>
  update(data: object): Promise<{ updated?: number }>
  /** Removes every document the query finds, in one request (not inside a transaction). */
  remove(): Promise<{ deleted?: number | string }>
}

export interface CollectionRef extends QueryRef {
  doc(id: string): DocumentRef
  add(data: object): Promise<{ id?: string }>
  aggregate(): AggregateRef
}

/** An aggregation pipeline; `geoNear` must be its first stage. Not available inside transactions. */
export interface AggregateRef {
  geoNear(options: object): AggregateRef
  skip(n: number): AggregateRef
  limit(n: number): AggregateRef
  end(): Promise<{ data: StoredDoc[] }>
}

export interface TransactionRef {
  collection(name: string): CollectionRef
}

export interface Command {
  gt(value: unknown): unknown
  gte(value: unknown): unknown
  lt(value: unknown): unknown
  lte(value: unknown): unknown
  in(values: unknown[]): unknown
  /** Not equal: a range condition for the index planner. */
  neq(value: unknown): unknown
  /** Whether the field is present at all (migrations find documents written before a field existed). */
  exists(present: boolean): unknown
  all(values: unknown[]): unknown
  /** In an update: adds `n` to the field on the server. */
  inc(n: number): unknown
  /** In an update: the field is removed from the document. */
  remove(): unknown
  /** In an update: the field becomes exactly this value (an object is written whole, not merged). */
  set(value: unknown): unknown
  /** In an update: appends `each` to the array field; a negative `slice` then keeps only that many of the last. */
  push(spec: { each: unknown[]; slice?: number }): unknown
  /** Every one of the conditions: a query of its own, for `where`. */
  and(conditions: object[]): object
  /** Any one of the conditions: a query of its own, for `where` (or inside `and`). */
  or(conditions: object[]): object
}

export interface Database {
  collection(name: string): CollectionRef
  command: Command
  runTransaction(work: (tx: TransactionRef) => Promise<unknown>, times?: number): Promise<unknown>
}

/**
 * Where repositories read and write: the plain database, or one transaction, in which CloudBase
 * allows only document operations by _id (`doc(id).get/set/update/remove` and `add`).
 */
export interface Scope {
  collection(name: string): CollectionRef
  command: Command
  inTransaction: boolean
}

/** The largest page the server returns to one `get()`. */
export const MAX_PAGE = 1000

/** One document by _id, or null. */
export async function readDoc(scope: Scope, collection: string, id: string): Promise<StoredDoc | null> {
  const { data } = await scope.collection(collection).doc(id).get()
  return (Array.isArray(data) ? data[0] : data) ?? null
}

/** Documents `offset` to `offset + limit` of an ordered query, fetched in server-sized pages. */
export async function readRange(query: QueryRef, offset: number, limit: number): Promise<StoredDoc[]> {
  const out: StoredDoc[] = []
  while (out.length < limit) {
    const size = Math.min(MAX_PAGE, limit - out.length)
    const { data } = await query.skip(offset + out.length).limit(size).get()
    out.push(...data)
    if (data.length < size) break
  }
  return out
}

/** Ids per `in` query of `readByIds`. */
const IN_IDS = 100

/** The documents of `collection` with these _ids that exist (only `fields` and `_id` when given): one query per 100 ids. Outside transactions only. */
export async function readByIds(scope: Scope, collection: string, ids: readonly string[], method: string, fields?: readonly string[]): Promise<StoredDoc[]> {
  outsideTransaction(scope, method)
  const out: StoredDoc[] = []
  for (let i = 0; i < ids.length; i += IN_IDS) {
    const chunk = ids.slice(i, i + IN_IDS)
    const query = scope.collection(collection).where({ _id: scope.command.in([...chunk]) })
    out.push(...(await readRange(fields ? query.field(Object.fromEntries(fields.map((f) => [f, true]))) : query, 0, chunk.length)))
  }
  return out
}

/** True when the SDK threw because a write hit an existing _id or unique key. */
export function isDuplicate(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null
  return e?.code === 'DATABASE_DUPLICATE_WRITE' || /E11000|duplicate key/i.test(String(e?.message ?? ''))
}

/** Fails loudly when a query method is called inside a transaction, which CloudBase refuses. */
export function outsideTransaction(scope: Scope, method: string): void {
  if (scope.inTransaction) throw new Error(`${method} runs queries and is not available inside a transaction`)
}

/** Sort keys of a query, applied in order. */
export type Order = readonly (readonly [field: string, direction: 'asc' | 'desc'])[]

/**
 * A page of the documents `query` finds, in `order`, as records, and how many it finds. A query,
 * so not inside a transaction (`method` names the caller when it is); a limit below 1 reads none.
 */
export async function readPage<R>(
  scope: Scope,
  method: string,
  query: () => QueryRef,
  order: Order,
  { offset, limit }: PageRequest,
  toRecord: (doc: StoredDoc) => R,
): Promise<{ items: R[]; total: number }> {
  outsideTransaction(scope, method)
  const sorted = order.reduce((q, [field, direction]) => q.orderBy(field, direction), query())
  const [docs, { total }] = await Promise.all([limit > 0 ? readRange(sorted, offset, limit) : [], query().count()])
  return { items: docs.map(toRecord), total: total ?? 0 }
}

/**
 * Adds document `id` unless it exists: false when it does. Inside a transaction a failed write
 * aborts it, so it looks first; a racing transaction conflicts on the _id.
 */
export async function addNew(scope: Scope, collection: string, id: string, fields: object): Promise<boolean> {
  if (scope.inTransaction && (await readDoc(scope, collection, id))) return false
  try {
    await scope.collection(collection).add({ _id: id, ...fields })
    return true
  } catch (err) {
    if (!scope.inTransaction && isDuplicate(err)) return false
    throw err
  }
}

import { randomBytes } from 'node:crypto'
import { resolve } from 'mingo/util'
import { encode, type Doc } from './ejson'
import { CollectionIndexes } from './indexes'
import { StandinError, conflict, duplicate, requestFailed } from './errors'
import { DEFAULT_LIMITS, bsonSize, type StandinLimits } from './limits'
import { Schema } from './schema'

export type Id = string | number

/** Sets or, for null, deletes one document of a map. */
function place(docs: Map<Id, Doc>, id: Id, doc: Doc | null): void {
  if (doc) docs.set(id, doc)
  else docs.delete(id)
}

/**
 * A document's values of an index's fields as one string, equal for equal keys as `encode` of the
 * tuple is: a primitive by its type and value, anything else (an object, a date, an array) by its
 * EJSON; a missing field counts as null, as in `checkUnique`.
 */
function keyValues(doc: Doc, fields: readonly string[]): string {
  let out = ''
  for (const f of fields) {
    const v = resolve(doc, f) ?? null
    out += v === null ? 'n;' : typeof v === 'string' ? `s${v.length}:${v};` : typeof v === 'number' || typeof v === 'boolean' ? `${typeof v}:${encode({ v })};` : `o:${encode({ v })};`
  }
  return out
}

const keyOf = (coll: string, id: Id) => `${coll}\u0000${typeof id}:${id}`

interface Entry {
  coll: string
  id: Id
  doc: Doc | null
}

interface Tx {
  /** The commit sequence its snapshot sees; taken at its first operation, as MongoDB does. */
  startSeq: number | null
  startedAt: number
  /** Why it can no longer be used, once aborted. */
  aborted: string | null
  /** Buffered writes, invisible to everyone else until commit. */
  writes: Map<string, Entry>
  /** What each document looked like at the snapshot, recorded when someone else commits over it. */
  before: Map<string, Entry>
  writeCount: number
  bytes: number
}

/** A write of one document: its new content, or null to delete it. */
export interface Change {
  id: Id
  doc: Doc | null
}

/**
 * In-memory collections with snapshot-isolated transactions, modelled on MongoDB, which CloudBase
 * runs on. A transaction reads the data as of its first operation plus its own writes. Its first
 * write to a document locks it; a second transaction writing that document, or one committed by
 * anybody after the snapshot, fails at once with DATABASE_TRANSACTION_CONFLICT and aborts that
 * transaction (first writer wins). A write outside transactions waits for the lock to go, then runs.
 * Any write error inside a transaction aborts it, as MongoDB does; so does outliving
 * `transactionLifetimeMs` or outgrowing `maxTransactionBytes` / `maxTransactionWrites`.
 */
export class Engine {
  private data = new Map<string, Map<Id, Doc>>()
  private lastWrite = new Map<string, number>()
  private seq = 0
  private txs = new Map<string, Tx>()
  private locks = new Map<string, string>()
  private waiters: Array<() => void> = []
  /** The declared indexes of each collection a read has used, over its committed documents. */
  private indexSets = new Map<string, CollectionIndexes>()

  constructor(
    readonly schema = new Schema(),
    readonly limits: StandinLimits = { ...DEFAULT_LIMITS },
  ) {}

  /** Drops all data and open transactions; collections and indexes stay. */
  reset(): void {
    this.data.clear()
    this.indexSets.clear()
    this.lastWrite.clear()
    this.txs.clear()
    this.locks.clear()
    this.notify()
  }

  /** A deep copy of the committed data. */
  snapshot(): Map<string, Map<Id, Doc>> {
    return new Map([...this.data].map(([name, docs]) => [name, structuredClone(docs)]))
  }

  /** Creates an index, refusing a unique one the committed data already breaks. */
  createIndex(coll: string, index: Parameters<Schema['createIndex']>[1]): void {
    this.schema.createIndex(coll, index, (candidate) => {
      if (candidate.unique) this.checkUnique(coll, [...this.committed(coll).values()], [candidate])
    })
    this.indexes(coll).buildAll()
  }

  dropIndex(coll: string, name: string): void {
    this.schema.dropIndex(coll, name)
    this.indexSets.get(coll)?.drop(name)
  }

  /**
   * The declared indexes of a collection over its committed documents, for reads outside
   * transactions (the only reads that are not by _id), kept up to date by every committed write.
   */
  indexes(coll: string): CollectionIndexes {
    let set = this.indexSets.get(coll)
    if (!set) this.indexSets.set(coll, (set = new CollectionIndexes(this.committed(coll), () => this.schema.indexes(coll))))
    return set
  }

  begin(): string {
    this.sweep()
    const id = randomBytes(12).toString('hex')
    this.txs.set(id, { startSeq: null, startedAt: Date.now(), aborted: null, writes: new Map(), before: new Map(), writeCount: 0, bytes: 0 })
    return id
  }

  commit(txId: string): void {
    const tx = this.open(txId)
    for (const coll of new Set([...tx.writes.values()].map((e) => e.coll))) {
      try {
        this.checkChanges(coll, [...tx.writes.values()].filter((e) => e.coll === coll))
      } catch (err) {
        this.end(txId)
        throw err
      }
    }
    this.end(txId)
    for (const e of tx.writes.values()) this.apply(e.coll, e.id, e.doc)
  }

  abort(txId: string): void {
    if (!this.txs.has(txId)) throw new StandinError('DATABASE_TRANSACTION_FAIL', 'no such transaction')
    this.end(txId)
  }

  /** One document as `txId` sees it, or as committed. */
  get(coll: string, id: Id, txId?: string): Doc | undefined {
    if (txId) {
      const tx = this.open(txId)
      const key = keyOf(coll, id)
      const e = tx.writes.get(key) ?? tx.before.get(key)
      if (e) return e.doc ?? undefined
    }
    return this.committed(coll).get(id)
  }

  /** Every committed document of a collection. */
  docs(coll: string): Doc[] {
    return [...this.committed(coll).values()]
  }

  /** Writes inside a transaction: size, conflict and unique checks, then buffered under a lock. A throw leaves nothing written. */
  writeInTransaction(txId: string, coll: string, changes: Change[]): void {
    const tx = this.open(txId)
    const bytes = changes.reduce((sum, c) => sum + this.checkedSize(c), 0)
    if (tx.writeCount + changes.length > this.limits.maxTransactionWrites) {
      throw requestFailed(`TransactionTooLarge: a transaction may make at most ${this.limits.maxTransactionWrites} writes`)
    }
    if (tx.bytes + bytes > this.limits.maxTransactionBytes) {
      throw requestFailed(`TransactionTooLarge: total size of all transaction operations must be less than ${this.limits.maxTransactionBytes} bytes`)
    }
    const view = this.view(coll, tx)
    for (const { id, doc } of changes) {
      const key = keyOf(coll, id)
      const holder = this.locks.get(key)
      if ((holder && holder !== txId) || (this.lastWrite.get(key) ?? 0) > tx.startSeq!) throw conflict()
      place(view, id, doc)
    }
    this.checkUnique(coll, [...view.values()])
    tx.writeCount += changes.length
    tx.bytes += bytes
    for (const { id, doc } of changes) {
      const key = keyOf(coll, id)
      this.locks.set(key, txId)
      tx.writes.set(key, { coll, id, doc })
    }
  }

  /**
   * Runs a write outside transactions: `plan` looks at the committed data and names the documents
   * it touches and the changes; when none is locked they are applied at once, else it waits and plans again.
   */
  async writeOutside<T>(coll: string, plan: () => { ids: Id[]; changes: Change[]; result: T }): Promise<T> {
    const deadline = Date.now() + this.limits.lockWaitMs
    for (;;) {
      this.sweep()
      const p = plan()
      if (!p.ids.some((id) => this.locks.has(keyOf(coll, id)))) {
        for (const c of p.changes) this.checkedSize(c)
        this.checkChanges(coll, p.changes)
        for (const { id, doc } of p.changes) this.apply(coll, id, doc)
        return p.result
      }
      if (Date.now() > deadline) throw conflict()
      await new Promise<void>((resolveWait) => {
        this.waiters.push(resolveWait)
        setTimeout(resolveWait, 50).unref()
      })
    }
  }

  /** Marks a transaction aborted after a failed operation: later operations and its commit fail. */
  abortOnError(txId: string, reason = 'transaction has been aborted'): void {
    const tx = this.txs.get(txId)
    if (!tx || tx.aborted) return
    this.release(txId)
    tx.aborted = reason
    tx.writes.clear()
  }

  private checkedSize({ doc }: Change): number {
    if (!doc) return bsonSize({ _id: '' })
    const size = bsonSize(doc)
    if (size > this.limits.maxDocumentBytes) throw requestFailed(`BSONObjectTooLarge: a document of ${size} bytes is over the limit of ${this.limits.maxDocumentBytes}`)
    return size
  }

  private committed(coll: string): Map<Id, Doc> {
    let docs = this.data.get(coll)
    if (!docs) this.data.set(coll, (docs = new Map()))
    return docs
  }

  private view(coll: string, tx: Tx): Map<Id, Doc> {
    const docs = new Map(this.committed(coll))
    for (const layer of [tx.before, tx.writes]) {
      for (const e of layer.values()) if (e.coll === coll) place(docs, e.id, e.doc)
    }
    return docs
  }

  /** The open transaction `txId`, its snapshot taken if this is its first operation. */
  private open(txId: string): Tx {
    this.sweep()
    const tx = this.txs.get(txId)
    if (!tx) throw new StandinError('DATABASE_TRANSACTION_FAIL', 'no such transaction')
    if (tx.aborted) throw new StandinError('DATABASE_TRANSACTION_FAIL', tx.aborted)
    tx.startSeq ??= this.seq
    return tx
  }

  /** Aborts every transaction that outlived its lifetime, releasing its locks. */
  private sweep(): void {
    const oldest = Date.now() - this.limits.transactionLifetimeMs
    for (const [id, tx] of this.txs) {
      if (!tx.aborted && tx.startedAt < oldest) {
        this.abortOnError(id, `transaction was aborted: not committed within its lifetime of ${this.limits.transactionLifetimeMs} ms`)
      }
    }
  }

  private end(txId: string): void {
    this.release(txId)
    this.txs.delete(txId)
  }

  private release(txId: string): void {
    for (const [key, holder] of this.locks) if (holder === txId) this.locks.delete(key)
    this.notify()
  }

  private notify(): void {
    const waiting = this.waiters
    this.waiters = []
    for (const wake of waiting) wake()
  }

  private apply(coll: string, id: Id, doc: Doc | null): void {
    const key = keyOf(coll, id)
    const docs = this.committed(coll)
    const prev = docs.get(id) ?? null
    // Its indexes built over the documents before this write (when it is the first since a reset), then told of it.
    const indexes = this.indexes(coll)
    for (const tx of this.txs.values()) if (tx.startSeq !== null && !tx.before.has(key)) tx.before.set(key, { coll, id, doc: prev })
    place(docs, id, doc)
    indexes.write(id, prev, doc)
    this.lastWrite.set(key, ++this.seq)
  }

  /**
   * The unique indexes' check of the committed data with `changes` applied: the same answer as
   * `checkUnique` over the whole collection after them (the data committed before was already
   * unique), found by comparing each changed document's keys with every other document's, without
   * copying the collection or encoding each of its documents on every write.
   */
  private checkChanges(coll: string, changes: readonly Change[]): void {
    const indexes = this.schema.uniqueIndexes(coll)
    if (indexes.length === 0) return
    const written = changes.filter((c) => c.doc !== null).map((c) => c.doc!)
    // Among the changed documents themselves (a batch, a transaction's writes).
    this.checkUnique(coll, written, indexes)
    if (written.length === 0) return
    const changed = new Set(changes.map((c) => c.id))
    for (const index of indexes) {
      const fields = index.keys.map(([f]) => f)
      const wanted = new Map<string, Doc>()
      for (const doc of written) wanted.set(keyValues(doc, fields), doc)
      for (const [id, doc] of this.committed(coll)) {
        if (!changed.has(id) && wanted.has(keyValues(doc, fields))) throw duplicate(coll, index.name)
      }
    }
  }

  private checkUnique(coll: string, docs: Doc[], indexes = this.schema.uniqueIndexes(coll)): void {
    for (const index of indexes) {
      const fields = index.keys.map(([f]) => f)
      const seen = new Set<string>()
      for (const doc of docs) {
        const tuple = encode({ k: fields.map((f) => resolve(doc, f) ?? null) })
        if (seen.has(tuple)) throw duplicate(coll, index.name)
        seen.add(tuple)
      }
    }
  }
}

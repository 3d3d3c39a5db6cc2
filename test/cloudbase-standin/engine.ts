import { randomBytes } from 'node:crypto'
import { resolve } from 'mingo/util'
import { encode, type Doc } from './ejson'

/** A failure the stand-in replies with as `{ code, message }`, so the SDK throws it. */
export class StandinError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export type Id = string | number

const conflict = () => new StandinError('DATABASE_TRANSACTION_CONFLICT', 'database transaction conflict: the document is being written elsewhere')
const duplicate = (coll: string, index: string) =>
  new StandinError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${coll} index: ${index}`)

/** Sets or, for null, deletes one document of a map. */
function place(docs: Map<Id, Doc>, id: Id, doc: Doc | null): void {
  if (doc) docs.set(id, doc)
  else docs.delete(id)
}

const keyOf = (coll: string, id: Id) => `${coll}\u0000${typeof id}:${id}`

interface Entry {
  coll: string
  id: Id
  doc: Doc | null
}

interface Tx {
  startSeq: number
  state: 'open' | 'aborted'
  /** Buffered writes, invisible to everyone else until commit. */
  writes: Map<string, Entry>
  /** What each document looked like at the snapshot, recorded when someone else commits over it. */
  before: Map<string, Entry>
}

/** A write of one document: its new content, or null to delete it. */
export interface Change {
  id: Id
  doc: Doc | null
}

/**
 * In-memory collections with snapshot-isolated transactions, modelled on MongoDB, which CloudBase
 * runs on. A transaction reads the data as of its start plus its own writes. Its first write to a
 * document locks it; a second transaction writing that document, or one committed by anybody after
 * the snapshot, fails at once with DATABASE_TRANSACTION_CONFLICT and aborts that transaction
 * (first writer wins). A write outside transactions waits for the lock to go, then runs.
 * Any write error inside a transaction aborts it, as MongoDB does.
 */
export class Engine {
  private data = new Map<string, Map<Id, Doc>>()
  private lastWrite = new Map<string, number>()
  private seq = 0
  private txs = new Map<string, Tx>()
  private locks = new Map<string, string>()
  private uniques = new Map<string, string[][]>()
  private waiters: Array<() => void> = []
  /** How long a write outside transactions waits for a lock before failing with a conflict. */
  lockWaitMs = 5000

  /** Drops all data and open transactions; declared unique indexes stay. */
  reset(): void {
    this.data.clear()
    this.lastWrite.clear()
    this.txs.clear()
    this.locks.clear()
    this.notify()
  }

  /** A deep copy of the committed data. */
  snapshot(): Map<string, Map<Id, Doc>> {
    return new Map([...this.data].map(([name, docs]) => [name, structuredClone(docs)]))
  }

  declareUniqueIndex(coll: string, fields: string[]): void {
    const list = this.uniques.get(coll) ?? []
    list.push(fields)
    this.uniques.set(coll, list)
    this.checkUnique(coll, [...this.committed(coll).values()])
  }

  begin(): string {
    const id = randomBytes(12).toString('hex')
    this.txs.set(id, { startSeq: this.seq, state: 'open', writes: new Map(), before: new Map() })
    return id
  }

  commit(txId: string): void {
    const tx = this.open(txId)
    for (const coll of new Set([...tx.writes.values()].map((e) => e.coll))) {
      const after = new Map(this.committed(coll))
      for (const e of tx.writes.values()) if (e.coll === coll) place(after, e.id, e.doc)
      try {
        this.checkUnique(coll, [...after.values()])
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

  /** Writes inside a transaction: conflict checks, unique checks, then buffered under a lock. A throw leaves nothing written. */
  writeInTransaction(txId: string, coll: string, changes: Change[]): void {
    const tx = this.open(txId)
    const view = this.view(coll, tx)
    for (const { id, doc } of changes) {
      const key = keyOf(coll, id)
      const holder = this.locks.get(key)
      if ((holder && holder !== txId) || (this.lastWrite.get(key) ?? 0) > tx.startSeq) throw conflict()
      place(view, id, doc)
    }
    this.checkUnique(coll, [...view.values()])
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
    const deadline = Date.now() + this.lockWaitMs
    for (;;) {
      const p = plan()
      if (!p.ids.some((id) => this.locks.has(keyOf(coll, id)))) {
        const after = new Map(this.committed(coll))
        for (const { id, doc } of p.changes) place(after, id, doc)
        this.checkUnique(coll, [...after.values()])
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

  private open(txId: string): Tx {
    const tx = this.txs.get(txId)
    if (!tx) throw new StandinError('DATABASE_TRANSACTION_FAIL', 'no such transaction')
    if (tx.state !== 'open') throw new StandinError('DATABASE_TRANSACTION_FAIL', 'transaction has been aborted')
    return tx
  }

  /** Marks a transaction aborted after a failed operation: later operations and its commit fail. */
  abortOnError(txId: string): void {
    const tx = this.txs.get(txId)
    if (!tx) return
    this.release(txId)
    tx.state = 'aborted'
    tx.writes.clear()
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
    for (const tx of this.txs.values()) if (!tx.before.has(key)) tx.before.set(key, { coll, id, doc: prev })
    place(docs, id, doc)
    this.lastWrite.set(key, ++this.seq)
  }

  private checkUnique(coll: string, docs: Doc[]): void {
    for (const fields of this.uniques.get(coll) ?? []) {
      const seen = new Set<string>()
      for (const doc of docs) {
        const tuple = encode({ k: fields.map((f) => resolve(doc, f) ?? null) })
        if (seen.has(tuple)) throw duplicate(coll, fields.map((f) => `${f}_1`).join('_'))
        seen.add(tuple)
      }
    }
  }
}

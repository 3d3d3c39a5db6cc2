import { addCells, ALL_ROWS, type Cells, type Contribution, type MonthRow } from '../../../src/domain/figures'
import type { Repositories } from '../../ports'
import { figureRepository, foldContribution, withFigureWrites, type BaseRepositories, type FigureStorage } from '../figures/maintain'
import { defineCollection } from './collection-schema'
import { FIGURE_MARKS, FIGURE_ROWS, FIGURE_SNAPSHOTS } from './collections'
import { outsideTransaction, readDoc, readRange, type Scope } from './types'

/** A unit's rows by month. */
export const FIGURE_ROWS_COLLECTION = defineCollection(FIGURE_ROWS, [{ keys: [['unitId', 1], ['month', 1]] }])
/** Read and written by _id only. */
export const FIGURE_SNAPSHOTS_COLLECTION = defineCollection(FIGURE_SNAPSHOTS)
/** Read in _id order only. */
export const FIGURE_MARKS_COLLECTION = defineCollection(FIGURE_MARKS)

/** Months a unit's rows may span (a century), for a view's bound. */
const MAX_ROWS = 1200

const rowId = (unitId: string, month: string) => `${unitId}:${month}`

/**
 * The dashboard's figures on CloudBase (server/adapters/figures/maintain.ts). A write adds a mark,
 * a document of its own, in its transaction; the fold (the timer, one writer) reads and sets the
 * rows and the snapshot by _id in a transaction, and removes the marks it folded.
 */
export function cloudFigureStorage(scope: Scope): FigureStorage {
  const rows = () => scope.collection(FIGURE_ROWS)
  return {
    async readRows(unitId, toMonth, also = []) {
      outsideTransaction(scope, 'figures.rows')
      const [docs, extra] = await Promise.all([
        // Every row (a unit's move, `ALL_ROWS`) takes the rows of two months too, one per pair of months
        // with a payment in each: no bound but the data's, read to the end rather than cut short.
        readRange(rows().where({ unitId, month: scope.command.lte(toMonth) }).orderBy('month', 'asc'), 0, toMonth === ALL_ROWS ? Number.MAX_SAFE_INTEGER : MAX_ROWS),
        Promise.all(also.map((month) => readDoc(scope, FIGURE_ROWS, rowId(unitId, month)))),
      ])
      return [...docs, ...extra.filter((d) => d !== null)].map((d): MonthRow => ({ month: String(d.month), cells: (d.cells ?? {}) as Cells }))
    },
    async snapshot(householdId) {
      const doc = await readDoc(scope, FIGURE_SNAPSHOTS, householdId)
      return doc ? { version: Number(doc.version), contribution: doc.contribution as Contribution } : null
    },
    async fold(cells, householdId, next, expectedVersion) {
      if (!scope.inTransaction) throw new Error('figures.fold runs in a transaction')
      if (Number((await readDoc(scope, FIGURE_SNAPSHOTS, householdId))?.version ?? 0) !== expectedVersion) return false
      await this.addRows(cells)
      await scope.collection(FIGURE_SNAPSHOTS).doc(householdId).set({ version: expectedVersion + 1, contribution: next })
      return true
    },
    async branchRows(unitId, months) {
      const docs = await Promise.all(months.map((month) => readDoc(scope, FIGURE_ROWS, rowId(unitId, month))))
      return docs.flatMap((d) => (d ? [{ month: String(d.month), cells: (d.cells ?? {}) as Cells }] : []))
    },
    async addRows(cells) {
      if (!scope.inTransaction) throw new Error('figures.addRows runs in a transaction')
      const keys = [...cells.keys()]
      const stored = await Promise.all(keys.map((key) => readDoc(scope, FIGURE_ROWS, rowId(...(key.split('|') as [string, string])))))
      await Promise.all(
        keys.map(async (key, i) => {
          const [unitId, month] = key.split('|')
          const row = addCells({ ...((stored[i]?.cells ?? {}) as Cells) }, cells.get(key)!)
          const ref = rows().doc(rowId(unitId, month))
          await (Object.keys(row).length === 0 ? (stored[i] ? ref.remove() : Promise.resolve()) : ref.set({ unitId, month, cells: row }))
        }),
      )
    },
    async mark(householdId) {
      await scope.collection(FIGURE_MARKS).add({ householdId })
    },
    async marks(limit) {
      outsideTransaction(scope, 'figures.marks')
      const docs = await readRange(scope.collection(FIGURE_MARKS).where({}).orderBy('_id', 'asc'), 0, limit)
      return docs.map((d) => ({ id: d._id, householdId: String(d.householdId) }))
    },
    async unmark(ids) {
      await Promise.all(ids.map((id) => scope.collection(FIGURE_MARKS).doc(id).remove()))
    },
  }
}

/** Runs `work` in a transaction of the store's (with its retries), given that transaction's scope. */
export type InTransaction = <T>(work: (scope: Scope) => Promise<T>) => Promise<T>

/**
 * `repos` with the figures: each household or ledger write adds a mark in the same transaction
 * (before the write, so a write never lands unmarked), and `foldPending` folds marked households,
 * each in a transaction that also removes its marks.
 */
export function withCloudFigures(scope: Scope, repos: BaseRepositories, inTransaction: InTransaction): Repositories {
  const storage = cloudFigureStorage(scope)
  // One mark per household per transaction (its repositories are bound afresh for each attempt):
  // the fold reads the household as committed, so one mark covers every write of the transaction,
  // and a batch of whole households stays within the transaction's write limit.
  const marked = new Set<string>()
  const written = withFigureWrites(repos, async (householdId, write) => {
    if (!scope.inTransaction || !marked.has(householdId)) await storage.mark(householdId)
    if (scope.inTransaction) marked.add(householdId)
    await write()
  })
  const fold = (householdId: string, now: Contribution, markIds: readonly string[]) =>
    inTransaction(async (tx) => {
      const inTx = cloudFigureStorage(tx)
      if (!(await foldContribution(inTx, repos, householdId, now))) return false
      await inTx.unmark(markIds)
      return true
    })
  return { ...written, figures: figureRepository(storage, repos, fold) }
}

import { contributionDelta, householdContribution, rollUp, type Cells, type Contribution, type MonthRow } from '../../../src/domain/figures'
import type { FigureRepository, Repositories } from '../../ports'

/**
 * How both stores keep the dashboard's figures (src/domain/figures.ts): every write of a household
 * or a ledger entry names its household; the household's contribution is computed afresh from its
 * records, compared with the one last folded in (its snapshot), and the difference added to the
 * month rows of its units and every unit above them.
 *
 * SQLite folds in the writing transaction (one writer, nothing to contend on). CloudBase only
 * marks the household in the writing transaction (a new document each time, so concurrent writers
 * never touch the same document: a row every change wrote would be the global hot spot that made
 * concurrent callers CONFLICT in issue 11); the `timers` function folds the marks, one writer, every
 * minute. A view reads the rows alone, so its reads do not grow with the writes waiting for the
 * fold (h14-cloud-dashboard: adding them made one view read ~25,000 times under load); on
 * CloudBase it shows the figures as of the last fold.
 */

/** A household's folded contribution and the version it was written at (1 on its first fold). */
export interface FigureSnapshot {
  contribution: Contribution
  version: number
}

/** A write waiting to be folded. */
export interface FigureMark {
  id: string
  householdId: string
}

/** What each store keeps: rows, snapshots, marks. */
export interface FigureStorage {
  /** A unit's rows up to `toMonth`, and its rows `also`. A query. */
  readRows(unitId: string, toMonth: string, also?: readonly string[]): Promise<MonthRow[]>
  snapshot(householdId: string): Promise<FigureSnapshot | null>
  /** Adds `cells` to the rows (keyed `<unitId>|<month>`) and writes the snapshot at `expectedVersion` (0: none yet); false when stale. */
  fold(cells: Map<string, Cells>, householdId: string, next: Contribution, expectedVersion: number): Promise<boolean>
  /** The rows of `unitId` at `months` (a store that allows queries here reads every month of the unit instead). */
  branchRows(unitId: string, months: readonly string[]): Promise<MonthRow[]>
  /** Adds `cells` to the rows (keyed `<unitId>|<month>`), in the caller's transaction. */
  addRows(cells: Map<string, Cells>): Promise<void>
  mark(householdId: string): Promise<void>
  /** Up to `limit` marks. A query. */
  marks(limit: number): Promise<FigureMark[]>
  unmark(ids: readonly string[]): Promise<void>
}

/** The paths (root first) of units, read once per call; a unit that is gone counts for itself only. */
export function unitPaths(repos: Pick<Repositories, 'units'>): (unitIds: Iterable<string>) => Promise<(unitId: string) => readonly string[]> {
  const known = new Map<string, readonly string[]>()
  return async (unitIds) => {
    for (const id of unitIds) if (!known.has(id)) known.set(id, (await repos.units.get(id))?.path ?? [id])
    return (id) => known.get(id) ?? [id]
  }
}

/** A household's contribution from its records now (queries: outside a CloudBase transaction). */
export async function contributionNow(repos: Pick<Repositories, 'households' | 'ledger'>, householdId: string): Promise<Contribution> {
  const [household, entries] = await Promise.all([repos.households.get(householdId), repos.ledger.listByHousehold(householdId)])
  return householdContribution(household ?? { unitId: '', history: [] }, entries)
}

/** Folds a household's difference into the rows; false when its snapshot changed meanwhile. */
export async function foldContribution(storage: FigureStorage, repos: Pick<Repositories, 'units'>, householdId: string, now: Contribution): Promise<boolean> {
  const before = await storage.snapshot(householdId)
  const delta = contributionDelta(before?.contribution ?? {}, now)
  const pathOf = await unitPaths(repos)(Object.keys(delta))
  return storage.fold(rollUp(delta, pathOf), householdId, now, before?.version ?? 0)
}

/**
 * The port over a store's storage. `fold` is how the store folds one household (in a transaction
 * of its own); absent, the store folds as it writes and nothing is ever marked.
 */
export function figureRepository(
  storage: FigureStorage,
  repos: Pick<Repositories, 'households' | 'ledger' | 'units'>,
  fold?: (householdId: string, now: Contribution, markIds: readonly string[]) => Promise<boolean>,
): FigureRepository {
  return {
    rows: (unitId, toMonth, also = []) => storage.readRows(unitId, toMonth, also),
    async moveBranch(unitId, from, to, months) {
      const gone = from.filter((id) => !to.includes(id))
      const added = to.filter((id) => !from.includes(id))
      const cells = new Map<string, Cells>()
      for (const row of await storage.branchRows(unitId, months)) {
        const minus = Object.fromEntries(Object.entries(row.cells).map(([k, n]) => [k, -n]))
        for (const id of gone) cells.set(`${id}|${row.month}`, minus)
        for (const id of added) cells.set(`${id}|${row.month}`, row.cells)
      }
      await storage.addRows(cells)
    },
    async foldPending(limit) {
      if (!fold) return 0
      const marks = await storage.marks(limit)
      const byHousehold = new Map<string, string[]>()
      for (const m of marks) byHousehold.set(m.householdId, [...(byHousehold.get(m.householdId) ?? []), m.id])
      let folded = 0
      for (const [householdId, markIds] of byHousehold) {
        // Read before the transaction (CloudBase allows no queries in one); a write after the read leaves a mark of its own.
        if (await fold(householdId, await contributionNow(repos, householdId), markIds)) folded++
      }
      return folded
    },
  }
}

/** A store's repositories before the figures are added. */
export type BaseRepositories = Omit<Repositories, 'figures'>

/** `repos` whose household and ledger writes call `touched` with the household they change. */
export function withFigureWrites(repos: BaseRepositories, touched: (householdId: string, write: () => Promise<unknown>) => Promise<void>): BaseRepositories {
  const { households, ledger } = repos
  const run = async <T>(householdId: string, write: () => Promise<T>): Promise<T> => {
    let result!: T
    await touched(householdId, async () => (result = await write()))
    return result
  }
  return {
    ...repos,
    households: {
      ...households,
      insert: (rec) => run(rec.id, () => households.insert(rec)),
      update: (rec, expectedVersion) => run(rec.id, () => households.update(rec, expectedVersion)),
    },
    ledger: {
      ...ledger,
      append: (entry) => run(entry.householdId, () => ledger.append(entry)),
      decide: async (id, decision) => {
        const entry = await ledger.get(id)
        return entry ? run(entry.householdId, () => ledger.decide(id, decision)) : ledger.decide(id, decision)
      },
    },
  }
}

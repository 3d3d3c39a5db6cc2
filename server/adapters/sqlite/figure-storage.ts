import { ALL_ROWS, householdContribution, rollUp, type Cells, type Contribution, type MonthRow } from '../../../src/domain/figures'
import type { DisbursementEntry, EntryDecision } from '../../../src/domain/ledger'
import type { HouseholdRecord, Repositories } from '../../ports'
import { contributionNow, figureRepository, foldContribution, withFigureWrites, type BaseRepositories, type FigureStorage } from '../figures/maintain'
import type { Db } from './connection'
import type { Migration } from './migrations'

/**
 * The dashboard's figures on SQLite (server/adapters/figures/maintain.ts): each cell of a unit's
 * month row a row of `figure_cells` (migration 61), one snapshot per household, folded in the
 * writing transaction; nothing is ever marked. A fold adds to the cells it changes, each by its key,
 * so a write costs the same however many cells its rows hold (a row kept whole was read, parsed and
 * written again whole by every fold, and the pairs and arrivals rows grow with the data).
 */
export function sqliteFigureStorage(db: Db): FigureStorage {
  const addCell = db.prepare('INSERT INTO figure_cells (unit_id, month, cell, n) VALUES (?, ?, ?, ?) ON CONFLICT (unit_id, month, cell) DO UPDATE SET n = n + excluded.n RETURNING n').pluck()
  const dropCell = db.prepare('DELETE FROM figure_cells WHERE unit_id = ? AND month = ? AND cell = ?')
  const readCells = db.prepare('SELECT month, cell, n FROM figure_cells WHERE unit_id = ? AND (month <= ? OR month IN (SELECT value FROM json_each(?))) ORDER BY month, cell').raw()
  const readSnapshot = db.prepare('SELECT version, contribution FROM figure_snapshots WHERE household_id = ?')
  const putSnapshot = db.prepare(
    'INSERT INTO figure_snapshots (household_id, version, contribution) VALUES (?, ?, ?) ON CONFLICT (household_id) DO UPDATE SET version = excluded.version, contribution = excluded.contribution',
  )
  const addRows = (cells: Map<string, Cells>) => {
    for (const [key, add] of cells) {
      const [unitId, month] = key.split('|')
      for (const cell in add) {
        const n = add[cell]
        // A cell that reaches zero is dropped, and a row without cells is no row.
        if (n !== 0 && addCell.get(unitId, month, cell, n) === 0) dropCell.run(unitId, month, cell)
      }
    }
  }
  return {
    async readRows(unitId, toMonth, also = []) {
      const rows: MonthRow[] = []
      for (const [month, cell, n] of readCells.all(unitId, toMonth, JSON.stringify(also)) as [string, string, number][]) {
        if (rows.length === 0 || rows[rows.length - 1].month !== month) rows.push({ month, cells: {} })
        rows[rows.length - 1].cells[cell] = n
      }
      return rows
    },
    async snapshot(householdId) {
      const row = readSnapshot.get(householdId) as { version: number; contribution: string } | undefined
      return row ? { version: row.version, contribution: JSON.parse(row.contribution) as Contribution } : null
    },
    async fold(cells, householdId, next, expectedVersion) {
      const stored = (readSnapshot.get(householdId) as { version: number } | undefined)?.version ?? 0
      if (stored !== expectedVersion) return false
      addRows(cells)
      putSnapshot.run(householdId, expectedVersion + 1, JSON.stringify(next))
      return true
    },
    async branchRows(unitId) {
      return this.readRows(unitId, ALL_ROWS)
    },
    async addRows(cells) {
      addRows(cells)
    },
    async mark() {},
    async marks() {
      return []
    },
    async unmark() {},
  }
}

/** Runs `work` in the caller's transaction, or in one of its own. */
async function atomically(db: Db, work: () => Promise<void>): Promise<void> {
  if (db.inTransaction) return work()
  db.exec('BEGIN IMMEDIATE')
  try {
    await work()
    db.exec('COMMIT')
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK')
    throw err
  }
}

/** `repos` with the figures: each household or ledger write folds its household in the same transaction. */
export function withSqliteFigures(db: Db, repos: BaseRepositories): Repositories {
  const storage = sqliteFigureStorage(db)
  const written = withFigureWrites(repos, (householdId, write) =>
    atomically(db, async () => {
      await write()
      await foldContribution(storage, repos, householdId, await contributionNow(repos, householdId))
    }),
  )
  return { ...written, figures: figureRepository(storage, repos) }
}

/** Every household's snapshot written (version 1) and every row built from the records, in memory. */
function figuresOfRecords(db: Db): Map<string, Cells> {
  const paths = new Map(
    (db.prepare(`SELECT id, json_extract(doc, '$.path') AS path FROM org_units`).all() as { id: string; path: string }[]).map((u) => [u.id, JSON.parse(u.path) as string[]]),
  )
  const entriesOf = new Map<string, DisbursementEntry[]>()
  for (const r of db.prepare('SELECT household_id AS householdId, status, decision, doc FROM disbursements').iterate() as Iterable<{ householdId: string; status: DisbursementEntry['status']; decision: string | null; doc: string }>) {
    const entry = { ...(JSON.parse(r.doc) as DisbursementEntry), status: r.status, decision: r.decision === null ? null : (JSON.parse(r.decision) as EntryDecision) } as DisbursementEntry
    const list = entriesOf.get(r.householdId)
    if (list) list.push(entry)
    else entriesOf.set(r.householdId, [entry])
  }
  const rows = new Map<string, Cells>()
  const putSnapshot = db.prepare('INSERT INTO figure_snapshots (household_id, version, contribution) VALUES (?, 1, ?)')
  for (const { doc } of db.prepare('SELECT doc FROM households').all() as { doc: string }[]) {
    const h = JSON.parse(doc) as HouseholdRecord
    const c = householdContribution(h, entriesOf.get(h.id) ?? [])
    putSnapshot.run(h.id, JSON.stringify(c))
    rollUp(c, (u) => paths.get(u) ?? [u], rows)
  }
  return rows
}

/** Every row and snapshot built from the records into `figure_rows`, each row whole (migrations 16 and 59, before migration 61). */
function buildFigures(db: Db): void {
  const rows = figuresOfRecords(db)
  const putRow = db.prepare('INSERT INTO figure_rows (unit_id, month, cells) VALUES (?, ?, ?)')
  for (const [key, cells] of rows) if (Object.keys(cells).length > 0) putRow.run(...key.split('|'), JSON.stringify(cells))
}

/** Every cell and snapshot built again from the records, as the store keeps them now (a backfill's or a bench's rebuild). */
export function rebuildFigures(db: Db): void {
  db.exec('DELETE FROM figure_cells; DELETE FROM figure_snapshots')
  const putCell = db.prepare('INSERT INTO figure_cells (unit_id, month, cell, n) VALUES (?, ?, ?, ?)')
  for (const [key, cells] of figuresOfRecords(db)) {
    const [unitId, month] = key.split('|')
    for (const [cell, n] of Object.entries(cells)) if (n !== 0) putCell.run(unitId, month, cell, n)
  }
}

/** Migration 16: the dashboard's figures per unit and month, backfilled from the households and the ledger (CloudBase: migrations/007-dashboard-figures.ts). */
export const FIGURES_MIGRATION: Migration = {
  version: 16,
  name: "the dashboard's figures per unit and month",
  sql: `
    CREATE TABLE figure_rows (unit_id TEXT NOT NULL, month TEXT NOT NULL, cells TEXT NOT NULL, PRIMARY KEY (unit_id, month)) WITHOUT ROWID;
    CREATE TABLE figure_snapshots (household_id TEXT PRIMARY KEY, version INTEGER NOT NULL, contribution TEXT NOT NULL);
  `,
  run: buildFigures,
}

/**
 * Migration 59: the pairs rows keyed by the next payment's month, with a row of each two months by
 * both days (src/domain/figures.ts), instead of by its full date, which grew with the data; every
 * row and snapshot built again from the records. The rebuild also drops the pairs and arrivals rows
 * a unit's move used to leave at its old ancestors (the move read the branch's month rows only).
 * CloudBase: migrations/030-bounded-pairs.ts.
 */
export const BOUNDED_PAIRS_MIGRATION: Migration = {
  version: 59,
  name: "the dashboard's pairs rows bounded by the calendar, every figure row rebuilt",
  sql: `
    DELETE FROM figure_rows;
    DELETE FROM figure_snapshots;
  `,
  run: buildFigures,
}

/**
 * Migration 61 (issue 14): each cell of the figure rows a row of its own, keyed by (unit, month,
 * cell), so a fold adds to the cells it changes instead of reading, parsing and writing again each
 * whole row it touches: the pairs and arrivals rows at the top of the tree grow with the data (3 KB
 * at 2,000 households, 8 KB at 20,000, bounded only by the calendar), and every ledger write
 * rewrote some twenty of them, so a write cost more as the province grew (BENCHMARKS.md,
 * h14-build-linear). The cells are copied as they are; the figures do not change. CloudBase keeps
 * its rows whole (its fold runs on the timer, not in the write); nothing to migrate there.
 */
export const FIGURE_CELLS_MIGRATION: Migration = {
  version: 61,
  name: "the dashboard's figure rows kept cell by cell",
  sql: `
    CREATE TABLE figure_cells (unit_id TEXT NOT NULL, month TEXT NOT NULL, cell TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (unit_id, month, cell)) WITHOUT ROWID;
    INSERT INTO figure_cells (unit_id, month, cell, n) SELECT r.unit_id, r.month, c.key, c.value FROM figure_rows r, json_each(r.cells) c WHERE c.value <> 0;
    DROP TABLE figure_rows;
  `,
}

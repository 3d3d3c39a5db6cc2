import { addCells, ALL_ROWS, householdContribution, rollUp, type Cells, type Contribution, type MonthRow } from '../../../src/domain/figures'
import type { DisbursementEntry, EntryDecision } from '../../../src/domain/ledger'
import type { HouseholdRecord, Repositories } from '../../ports'
import { contributionNow, figureRepository, foldContribution, withFigureWrites, type BaseRepositories, type FigureStorage } from '../figures/maintain'
import type { Db } from './connection'
import type { Migration } from './migrations'

/**
 * The dashboard's figures on SQLite (server/adapters/figures/maintain.ts): one row per unit and
 * month, one snapshot per household, folded in the writing transaction; nothing is ever marked.
 */
export function sqliteFigureStorage(db: Db): FigureStorage {
  const readRow = db.prepare('SELECT cells FROM figure_rows WHERE unit_id = ? AND month = ?').pluck()
  const putRow = db.prepare('INSERT INTO figure_rows (unit_id, month, cells) VALUES (?, ?, ?) ON CONFLICT (unit_id, month) DO UPDATE SET cells = excluded.cells')
  const dropRow = db.prepare('DELETE FROM figure_rows WHERE unit_id = ? AND month = ?')
  const readSnapshot = db.prepare('SELECT version, contribution FROM figure_snapshots WHERE household_id = ?')
  const putSnapshot = db.prepare(
    'INSERT INTO figure_snapshots (household_id, version, contribution) VALUES (?, ?, ?) ON CONFLICT (household_id) DO UPDATE SET version = excluded.version, contribution = excluded.contribution',
  )
  const addRows = (cells: Map<string, Cells>) => {
    for (const [key, add] of cells) {
      const [unitId, month] = key.split('|')
      const raw = readRow.get(unitId, month) as string | undefined
      const row = addCells(raw ? (JSON.parse(raw) as Cells) : {}, add)
      if (Object.keys(row).length === 0) dropRow.run(unitId, month)
      else putRow.run(unitId, month, JSON.stringify(row))
    }
  }
  return {
    async readRows(unitId, toMonth, also = []) {
      const sql = 'SELECT month, cells FROM figure_rows WHERE unit_id = ? AND (month <= ? OR month IN (SELECT value FROM json_each(?))) ORDER BY month'
      const rows = db.prepare(sql).all(unitId, toMonth, JSON.stringify(also)) as { month: string; cells: string }[]
      return rows.map((r): MonthRow => ({ month: r.month, cells: JSON.parse(r.cells) as Cells }))
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

/** Every row and snapshot built from the records (the backfill; the rows start empty). */
function buildFigures(db: Db): void {
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
  const putRow = db.prepare('INSERT INTO figure_rows (unit_id, month, cells) VALUES (?, ?, ?)')
  for (const [key, cells] of rows) if (Object.keys(cells).length > 0) putRow.run(...key.split('|'), JSON.stringify(cells))
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

import { createHash } from 'node:crypto'
import { AppError, type Actor } from '../../../src/domain'
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ExportFile, type ImportProblem, type ImportReport } from '../../../src/domain/api/stations'
import type { CoordSystem } from '../../../src/domain/geo'
import type { CallContext, Deps, StationRecord } from '../../ports'
import { appendAudit } from '../shared/audit'
import { contentTarget, once, storedReply } from '../shared/idempotency'
import { changedFields } from './manage-stations'
import { requireAdmin, stationRootOf } from './station-access'
import { appExternalId } from '../../../src/domain/station'
import { stationUnitFor } from '../../../src/domain/station-unit'
import { FileProblem, writeCsv, type SheetTable } from '../shared/csv'
import { DEFAULT_SHEET_LIMITS } from '../shared/sheet-limits'
import { readSheetOffThread } from '../shared/sheet-worker/read-off-thread'
import { mapLimited } from '../households/scan'
import { HEADER, NUMERIC_COLUMNS, parseStationTable, stationRow, type RowId } from './station-files/table'
import { writeXlsx } from './station-files/xlsx'

export interface ImportInput {
  format: 'csv' | 'xlsx'
  /** The file, read from storage by ./import-file.ts. */
  bytes: Uint8Array
  coordSystem?: CoordSystem
  dryRun: boolean
}

type Planned = { kind: 'create' | 'update'; rec: StationRecord; before?: StationRecord; line: number }

/**
 * An admin imports stations from a CSV or XLSX file. Every row is read and checked first; a dry
 * run (the default) reports every bad row with its line and what would be created or updated, and
 * writes nothing. A real run writes only when no row is bad, IMPORT_BATCH_ROWS rows to a
 * transaction, then one audit event for the file. Rows are matched on 外部编号, so importing the
 * same file again updates those stations (or leaves them unchanged) instead of adding copies.
 *
 * Why batches: on CloudBase every user's call runs at once, and one transaction of 2,000
 * operations would hold its documents (and, before issue 11, the audit log) for its whole length,
 * failing every other writer that touches them. A batch holds 50 stations for a fraction of a
 * second, and four batches run at once (they touch different stations, so they never contend).
 * CloudBase allows only single-document operations inside a transaction, each a round trip, so
 * the lookups by 外部编号 run before, as `$in` queries of 100 ids; inside a batch each changed row costs one read (its version, so a concurrent edit is not
 * overwritten) and one write, an unchanged row nothing. The outcome is still per row: a row changed by someone else meanwhile
 * is reported on its line and not written; `npm run bench:long-work` measures a 1,000-row file
 * against the function's timeout and memory.
 */
export async function importStations(deps: Deps, actor: Actor, input: ImportInput, ctx: CallContext): Promise<ImportReport> {
  requireAdmin(actor)
  const { bytes } = input
  const table = await readStationTable(input.format, bytes)
  const parsed = parseStationTable(table, input.coordSystem)
  // Every row's 外部编号 is checked, bad rows' too: a row's problems are all reported at once.
  const problems: ImportProblem[] = [...parsed.problems, ...duplicateIds(parsed.ids)]
  const known = [...new Set(parsed.ids.map((r) => r.externalId))]
  const existing = new Map((await deps.store.repos.stations.byExternalIds(known)).map((s) => [s.externalId, s]))
  const units = await importUnits(deps, actor)
  problems.push(...parsed.ids.flatMap(({ line, externalId }) => units.outside(existing.get(externalId), line)))
  const rows = parsed.rows.filter((r) => !problems.some((p) => p.line === r.line))
  if (rows.length + countBadLines(problems) > MAX_IMPORT_ROWS) {
    throw new AppError('VALIDATION', `一个文件最多${MAX_IMPORT_ROWS}行站点，请分成几个文件导入`, 'fileId')
  }

  const now = deps.clock.now()
  const at = now.toISOString()
  const plan: Planned[] = []
  let unchanged = 0
  for (const { line, fields: read } of rows) {
    const before = existing.get(read.externalId!)
    // A row names no unit: a station keeps its own, a new one takes the unit its names point to.
    const fields = { ...read, unitId: before?.unitId ?? units.unitFor(read) }
    if (!before) {
      const id = deps.ids.newId()
      plan.push({ kind: 'create', line, rec: { ...fields, id, externalId: fields.externalId ?? appExternalId(id), sample: false, version: 1, createdAt: at, updatedAt: at } })
    } else if (changedFields(before, fields).length === 0) {
      unchanged++
    } else {
      plan.push({ kind: 'update', line, before, rec: { ...before, ...fields, externalId: before.externalId, version: before.version + 1, updatedAt: at } })
    }
  }
  const report: ImportReport = {
    dryRun: input.dryRun,
    applied: false,
    rows: rows.length + countBadLines(problems),
    created: plan.filter((p) => p.kind === 'create').length,
    updated: plan.filter((p) => p.kind === 'update').length,
    unchanged,
    coordSystem: input.coordSystem ?? 'per-row',
    problems: problems.sort((a, b) => a.line - b.line),
  }
  if (input.dryRun || problems.length > 0 || plan.length === 0) return report

  const scope = { actor: actor.openid, action: 'stations.import', target: contentTarget(input), requestId: ctx.requestId }
  const earlier = await storedReply<ImportReport>(deps.store.repos, scope)
  if (earlier) return earlier.reply
  const written = await writeInBatches(deps, plan)
  const outcome: ImportReport = {
    ...report,
    applied: written.created + written.updated > 0,
    created: written.created,
    updated: written.updated,
    problems: [...report.problems, ...written.problems].sort((a, b) => a.line - b.line),
  }
  // One audit event for the whole file, with the idempotency record: a retry gets this reply.
  return deps.store.transaction((repos) =>
    once(repos, scope, now, async () => {
      await appendAudit(repos, deps.cipher, now, {
        actor: actor.openid,
        action: 'station.import',
        subject: 'stations',
        detail: { format: input.format, sha256: createHash('sha256').update(bytes).digest('hex'), created: outcome.created, updated: outcome.updated, unchanged, skipped: written.problems.length },
      })
      return outcome
    }),
  )
}

/** Rows written per transaction: short transactions that hold no other writer up for long. */
export const IMPORT_BATCH_ROWS = 50
/** Batches written at once: each its own stations, so they never contend with one another. */
const PARALLEL_BATCHES = 4

type Written = { created: number; updated: number; problems: ImportProblem[] }

/**
 * Writes the planned rows, IMPORT_BATCH_ROWS to a transaction, PARALLEL_BATCHES at a time. A row
 * whose station changed since the file was checked (another admin's edit) is not written: it is
 * reported on its line. A batch that cannot get through (another writer holding its stations) is
 * reported on each of its lines, and the other batches are written: importing the file again
 * writes what is missing (written rows are unchanged then, and skipped).
 */
async function writeInBatches(deps: Deps, plan: Planned[]): Promise<Written> {
  const batches: Planned[][] = []
  for (let i = 0; i < plan.length; i += IMPORT_BATCH_ROWS) batches.push(plan.slice(i, i + IMPORT_BATCH_ROWS))
  const results = await mapLimited(batches, PARALLEL_BATCHES, async (batch): Promise<Written> => {
    try {
      return await writeBatch(deps, batch)
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'CONFLICT') throw err
      const message = '此行所在的一批站点正被他人修改，未写入，请稍后重新导入此文件'
      return { created: 0, updated: 0, problems: batch.map((p) => ({ line: p.line, column: '外部编号', message: `第${p.line}行：${message}` })) }
    }
  })
  return {
    created: results.reduce((n, r) => n + r.created, 0),
    updated: results.reduce((n, r) => n + r.updated, 0),
    problems: results.flatMap((r) => r.problems).sort((a, b) => a.line - b.line),
  }
}

/** One batch in one transaction: each update at the version the file was checked against. */
function writeBatch(deps: Deps, batch: Planned[]): Promise<Written> {
  return deps.store.transaction(async (repos) => {
    const result: Written = { created: 0, updated: 0, problems: [] }
    for (const p of batch) {
      if (p.kind === 'update') {
        const fresh = await repos.stations.get(p.rec.id)
        if (!fresh || fresh.version !== p.before!.version) {
          result.problems.push({ line: p.line, column: '外部编号', message: `第${p.line}行的站点在导入期间被他人修改，此行未写入，请核对后重新导入` })
          continue
        }
      }
      await repos.stations.upsert(p.rec)
      result[p.kind === 'create' ? 'created' : 'updated']++
    }
    return result
  })
}

/** The file's rows, read on a thread of their own with every cap checked as they are read. */
async function readStationTable(format: 'csv' | 'xlsx', bytes: Uint8Array): Promise<SheetTable> {
  try {
    return await readSheetOffThread(format, bytes, { ...DEFAULT_SHEET_LIMITS, maxBytes: MAX_IMPORT_BYTES, maxRows: MAX_IMPORT_ROWS })
  } catch (err) {
    if (err instanceof FileProblem) throw new AppError('VALIDATION', err.line ? `第${err.line}行：${err.message}` : err.message, 'fileId')
    throw err
  }
}

/**
 * The importing admin's units: which unit a new row's station belongs to (see `stationUnitFor`,
 * falling back to the admin's own unit), and the problem of a row that would update a station of
 * another jurisdiction. Queries, before the transaction.
 */
async function importUnits(deps: Deps, actor: Actor & { unitId: string }) {
  const repos = deps.store.repos
  const units = await repos.units.subtree(actor.unitId)
  const ids = new Set(units.map((u) => u.id))
  const top = units.find((u) => u.id === actor.unitId)?.parentId === null
  return {
    unitFor: (fields: { unitName: string; district: string; address: string }) => stationUnitFor(fields, units, actor.unitId),
    outside: (station: StationRecord | undefined, line: number): ImportProblem[] =>
      // An admin at the top of the tree manages every station, even one whose unit is gone.
      !station || top || ids.has(station.unitId) ? [] : [{ line, column: '外部编号', message: `外部编号“${station.externalId}”的站点不属于您管辖的单位，不能在此导入修改` }],
  }
}

const countBadLines = (problems: ImportProblem[]) => new Set(problems.filter((p) => p.line > 1).map((p) => p.line)).size

function duplicateIds(rows: RowId[]): ImportProblem[] {
  const seen = new Map<string, number>()
  const out: ImportProblem[] = []
  for (const { line, externalId: id } of rows) {
    const first = seen.get(id)
    if (first !== undefined) out.push({ line, column: '外部编号', message: `外部编号“${id}”与第${first}行重复` })
    else seen.set(id, line)
  }
  return out
}

/** The stations of the admin's jurisdiction in the import's format and columns (points GCJ-02), so an edited export imports back. */
export async function exportStations(deps: Deps, actor: Actor, input: { format: 'csv' | 'xlsx' }): Promise<ExportFile> {
  const under = await stationRootOf(deps.store.repos, actor)
  const stations: StationRecord[] = []
  for (;;) {
    const page = await deps.store.repos.stations.listUnder(under, stations[stations.length - 1]?.id ?? null, 500)
    stations.push(...page)
    if (page.length < 500) break
  }
  const table = { header: HEADER, rows: stations.map((s, i) => ({ line: i + 2, cells: stationRow(s) })) }
  const date = deps.clock.now().toISOString().slice(0, 10)
  const bytes = input.format === 'csv' ? writeCsv(table) : await writeXlsx(table, NUMERIC_COLUMNS)
  return {
    fileName: `stations-${date}.${input.format}`,
    mimeType: input.format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    content: Buffer.from(bytes).toString('base64'),
    rows: stations.length,
  }
}

import { createHash } from 'node:crypto'
import { AppError, type Actor } from '../../../src/domain'
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, type ExportFile, type ImportProblem, type ImportReport } from '../../../src/domain/api/stations'
import type { CoordSystem } from '../../../src/domain/geo'
import type { CallContext, Deps, StationRecord } from '../../ports'
import { appendAudit } from '../shared/audit'
import { contentTarget, once } from '../shared/idempotency'
import { appExternalId, changedFields } from './manage-stations'
import { requireAdmin, stationUnitsOf } from './station-access'
import { stationUnitFor } from '../../../src/domain/station-unit'
import { FileProblem, writeCsv, type SheetTable } from '../shared/csv'
import { DEFAULT_SHEET_LIMITS } from '../shared/sheet-limits'
import { readSheetOffThread } from '../shared/sheet-worker/read-off-thread'
import { HEADER, NUMERIC_COLUMNS, parseStationTable, stationRow, type ParsedRow } from './station-files/table'
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
 * writes nothing. A real run writes only when no row is bad, and then in ONE transaction with its
 * audit event: all rows land or none do. Rows are matched on 外部编号, so importing the same file
 * again updates those stations (or leaves them unchanged) instead of adding copies.
 *
 * CloudBase allows only single-document operations inside a transaction, each a round trip, and
 * a transaction must finish within the function's timeout (and MongoDB's transaction lifetime, 60 s
 * by default, beneath it). So the lookups by 外部编号 run before it, as `$in` queries of 100 ids;
 * inside it each changed row costs one read (its version, so a concurrent edit is not overwritten)
 * and one write, an unchanged row nothing, and the audit event a few. A file holds at most
 * MAX_IMPORT_ROWS (1,000) rows, about 2,000 operations at most: a larger register is imported as
 * several files, each all-or-nothing, and re-importing one is cheap because unchanged rows are skipped.
 */
export async function importStations(deps: Deps, actor: Actor, input: ImportInput, ctx: CallContext): Promise<ImportReport> {
  requireAdmin(actor)
  const { bytes } = input
  const table = await readStationTable(input.format, bytes)
  const parsed = parseStationTable(table, input.coordSystem)
  const problems = [...parsed.problems, ...duplicateIds(parsed.rows)]
  const known = parsed.rows.filter((r) => !problems.some((p) => p.line === r.line)).map((r) => r.fields.externalId!)
  const existing = new Map((await deps.store.repos.stations.byExternalIds(known)).map((s) => [s.externalId, s]))
  const units = await importUnits(deps, actor)
  problems.push(...parsed.rows.flatMap(({ line, fields }) => units.outside(existing.get(fields.externalId!), line)))
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
  return deps.store.transaction((repos) =>
    once(repos, scope, now, async () => {
      for (const p of plan) {
        if (p.kind === 'update') {
          const fresh = await repos.stations.get(p.rec.id)
          if (!fresh || fresh.version !== p.before!.version) {
            throw new AppError('CONFLICT', `第${p.line}行的站点在导入期间被修改，请重新导入（未写入任何数据）`)
          }
        }
        await repos.stations.upsert(p.rec)
      }
      await appendAudit(repos, deps.cipher, now, {
        actor: actor.openid,
        action: 'station.import',
        subject: 'stations',
        detail: { format: input.format, sha256: createHash('sha256').update(bytes).digest('hex'), created: report.created, updated: report.updated, unchanged },
      })
      return { ...report, applied: true }
    }),
  )
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

function duplicateIds(rows: ParsedRow[]): ImportProblem[] {
  const seen = new Map<string, number>()
  const out: ImportProblem[] = []
  for (const { line, fields } of rows) {
    const id = fields.externalId!
    const first = seen.get(id)
    if (first !== undefined) out.push({ line, column: '外部编号', message: `外部编号“${id}”与第${first}行重复` })
    else seen.set(id, line)
  }
  return out
}

/** The stations of the admin's jurisdiction in the import's format and columns (points GCJ-02), so an edited export imports back. */
export async function exportStations(deps: Deps, actor: Actor, input: { format: 'csv' | 'xlsx' }): Promise<ExportFile> {
  const unitIds = await stationUnitsOf(deps.store.repos, actor)
  const stations: StationRecord[] = []
  for (;;) {
    const page = await deps.store.repos.stations.list({ offset: stations.length, limit: 500 }, unitIds ?? undefined)
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

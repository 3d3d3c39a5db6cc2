import { performance } from 'node:perf_hooks'
import { AppError, hasRole, shanghaiDate, type Actor } from '../../../src/domain'
import type { ExportJobView } from '../../../src/domain/api/households'
import { EXPORT_REVEAL_ROLE, HOUSEHOLD_EXPORT_COLUMNS, householdExportRow } from '../../../src/domain/household-export'
import type { CallContext, Deps, ExportJobCursor, ExportJobRecord, HouseholdRecord, OrgUnitRecord, Repositories } from '../../ports'
import { auditRead } from '../shared/audit'
import { resolveActor } from '../shared/actor'
import { removeFiles } from '../shared/files'
import { HOUSEHOLD_ROLES, householdRoot, requireStaff } from './access'
import { decryptOrEmpty, filingsOf } from './export'
import { iso, nowMs, startExportJob, viewOf, type ExportKind, type PageReader } from './export-job-parts'
import { EXPORT_FOLDER, exportPath, fullExportReason, handOverExport, writeExportFile } from './export-link'
import { unitsOfPage } from './scan'
import { CONTENT_TYPES } from './sheet-stream'
import { assembleSheet, csvRows, openPart, xlsxRowsXml } from './job-sheet'
import { LEDGER_EXPORT } from './ledger-export-job'
import { columnWidths } from './xlsx-sheet'

/**
 * Exports as jobs (the household roll here, the ledger in ledger-export-job.ts), for any size on CloudBase (a function runs at most 60 s) and the
 * same locally. Starting it writes the job and answers at once. Each part then reads pages from the
 * saved cursor for at most its time budget, writes their rows to a part file of its own, and saves
 * the part with the new cursor in one guarded write: rows count only once that write lands, so a
 * part that crashes is written again from the same cursor and no row appears twice. The last part
 * puts the parts together into the export file (job-sheet.ts), audits it and hands it over as
 * `exportHouseholds` does. Parts are run by the timer (CloudBase's `timers`, the local runner) and
 * by the starter's own status polls while the page is open; a lease keeps two runners off one job.
 */

/** A part run by the timer: well inside the 60 s both functions may run. */
export const TIMER_PART_MS = 40_000
/** A part run inside a status poll: short, the page is waiting for the answer. */
export const STATUS_PART_MS = 5_000
/** How long after its budget a part's lease holds, so a slow last page is not taken over. */
const LEASE_MARGIN_MS = 30_000
/** A failed job is swept after an hour. */
const FAILED_TTL_MS = 3600_000

const NOT_FOUND = '没有找到这次导出，请重新导出'

/** A part's limits: its time, and (tests, benchmarks) at most so many pages. */
export interface PartBudget {
  ms: number
  maxPages?: number
  /** Rows per page read (JOB_PAGE unless a test asks for fewer). */
  pageSize?: number
}

/**
 * Rows per page a part reads: the most one CloudBase `get()` returns (1,000), so a page of the
 * household roll or the ledger is one list request, not two of the scans' 500. Every page costs
 * its requests' round trips whatever its size, and on CloudBase's side each ordered read is an
 * index range found anew, so fewer, fuller pages keep the job's time in step with its rows. A
 * page's rows (and, for households, their filing forms) are all the job holds at once.
 */
export const JOB_PAGE = 1000

/** The next version of a job: `changes` applied, version and time moved on. */
const next = (deps: Deps, job: ExportJobRecord, changes: Partial<ExportJobRecord>): ExportJobRecord => ({ ...job, ...changes, updatedAt: deps.clock.now().toISOString(), version: job.version + 1 })

/** `startHouseholdExport`: the job, written and answered at once (the same one for a retried request id). */
export async function startHouseholdExport(deps: Deps, actor: Actor, input: { format: 'csv' | 'xlsx'; unitId?: string; full?: boolean; reason?: string }, ctx: CallContext): Promise<ExportJobView> {
  requireStaff(actor)
  const reveal = input.full === true
  const reason = reveal ? fullExportReason(hasRole(actor, EXPORT_REVEAL_ROLE), input.reason) : null
  const repos = deps.store.repos
  const root = await householdRoot(repos, actor, input.unitId)
  const start = { kind: 'households' as const, format: input.format, masked: !reveal, reason, unitId: root.id, cursor: { after: null } }
  return startExportJob(deps, actor, ctx, start, () => repos.households.countUnder(root.id))
}

/** `exportStatus`: how far the caller's job got; while it runs and no part is being written, one short part is written first. */
export async function exportStatus(deps: Deps, actor: Actor, input: { jobId: string }): Promise<ExportJobView> {
  requireStaff(actor)
  let job = await deps.store.repos.exportJobs.get(input.jobId)
  // Someone else's job is no job: nothing is said about whether it exists.
  if (!job || job.openid !== actor.openid) throw new AppError('NOT_FOUND', NOT_FOUND, 'jobId')
  if (job.state === 'running' && isDue(deps, job)) {
    await runExportPart(deps, job.id, { ms: STATUS_PART_MS }).catch((err: unknown) => logFailure(err))
    job = (await deps.store.repos.exportJobs.get(input.jobId)) ?? job
  }
  return viewOf(deps, job)
}

const isDue = (deps: Deps, job: ExportJobRecord) => !job.lease || Date.parse(job.lease.until) < nowMs(deps)

function logFailure(err: unknown): void {
  // The kind of failure only: an export's rows never reach the log.
  console.error(`[export-jobs] part failed: ${err instanceof Error ? err.name : 'error'}`)
}

/** Writes `job` when nobody wrote it since it was read; false when someone did. */
const save = (deps: Deps, job: ExportJobRecord) => deps.store.repos.exportJobs.update(job)

/** Ends a job that cannot go on (its starter lost the right to it), its parts removed. */
async function fail(deps: Deps, job: ExportJobRecord, message: string): Promise<void> {
  if (await save(deps, next(deps, job, { state: 'failed', error: message, lease: null, parts: [], expiresAt: iso(nowMs(deps) + FAILED_TTL_MS) }))) {
    await removeFiles(deps, job.parts.map((p) => p.key))
  }
}

/** Where a part's or the file's bytes go while it is written: a folder per job. */
const partPath = (job: ExportJobRecord, lease: string) => `${EXPORT_FOLDER}/job-${job.id}/part-${String(job.parts.length + 1).padStart(5, '0')}-${lease}.gz`

/** A page of the households under `root` from `cursor` by file number, and where the next starts; null at the end. */
async function pageFrom(repos: Repositories, root: string, cursor: ExportJobCursor, size: number): Promise<{ page: HouseholdRecord[]; next: ExportJobCursor | null }> {
  const page = await repos.households.listPage({ under: root, after: cursor.after, limit: size })
  const last = page[page.length - 1]
  return { page, next: page.length === size ? { after: { number: last.number, id: last.id } } : null }
}

/** The household roll in the national file form's columns, masked unless a reviewer asked for it in full. */
const HOUSEHOLD_EXPORT: ExportKind = {
  stem: 'households',
  sheet: '建档户',
  columns: HOUSEHOLD_EXPORT_COLUMNS,
  audit: 'household.export',
  async reader(deps, actor, job) {
    const repos = deps.store.repos
    const root = (await householdRoot(repos, actor, job.unitId)).id
    const units = new Map<string, OrgUnitRecord>()
    return async (cursor, size) => {
      const { page, next: after } = await pageFrom(repos, root, cursor as ExportJobCursor, size)
      const [filings] = page.length ? await Promise.all([filingsOf(repos, deps.cipher, page), unitsOfPage(repos, units, page)]) : [[]]
      const rows = page.map((h, i) => householdExportRow({ household: h, unitName: units.get(h.unitId)?.name ?? '', idNumber: decryptOrEmpty(deps.cipher, h.idNumberEnc), ...filings[i] }, !job.masked))
      return { rows, next: after }
    }
  },
}

const KINDS: Record<ExportJobRecord['kind'], ExportKind> = { households: HOUSEHOLD_EXPORT, ledger: LEDGER_EXPORT }

/**
 * One part of a job: takes its lease, writes pages from the saved cursor for at most `budget`, saves
 * the part with the new cursor, and once the data is all written (and time is left) puts the file
 * together and hands it over. What it says: `written` (a part saved), `ready`, `busy` (another
 * runner holds it or wrote it meanwhile), `idle` (not running). Throws on a failure of the store,
 * leaving the job for the next runner once the lease ends.
 */
export async function runExportPart(deps: Deps, id: string, budget: PartBudget): Promise<'written' | 'ready' | 'busy' | 'idle'> {
  const started = performance.now()
  const repos = deps.store.repos
  const found = await repos.exportJobs.get(id)
  if (!found || found.state !== 'running') return 'idle'
  if (!isDue(deps, found)) return 'busy'
  const leaseId = deps.ids.newId().replace(/[^\w-]/g, '').slice(0, 16)
  const path = partPath(found, leaseId)
  let job = next(deps, found, { lease: { id: leaseId, until: iso(nowMs(deps) + budget.ms + LEASE_MARGIN_MS), key: await deps.files.keyFor(path) } })
  if (!(await save(deps, job))) return 'busy'
  // What a crashed part had begun to write.
  if (found.lease?.key) await removeFiles(deps, [found.lease.key])

  // The starter's roles and jurisdiction as they are now: one who lost them gets nothing more written.
  const actor = await resolveActor(repos, job.openid)
  if (!actor.unitId || !HOUSEHOLD_ROLES.some((r) => hasRole(actor, r)) || (!job.masked && !hasRole(actor, EXPORT_REVEAL_ROLE))) {
    await fail(deps, job, '导出人已没有导出权限，导出已停止')
    return 'idle'
  }
  const kind = KINDS[job.kind]
  let read: PageReader
  try {
    read = await kind.reader(deps, actor as Actor & { unitId: string }, job)
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    await fail(deps, job, '这个单位已不在导出人的管辖范围内，导出已停止')
    return 'idle'
  }
  // A household job saved while parts were read unit by unit (its cursor names a chunk) cannot go on by file number once rows are written.
  if ('chunk' in job.cursor && job.done > 0) {
    await fail(deps, job, '导出方式已更新，请重新导出')
    return 'idle'
  }

  if (!job.scanned) {
    const written = await writePart(deps, job, kind, read, path, started, budget)
    if (!(await save(deps, written.job))) {
      if (written.key) await removeFiles(deps, [written.key])
      return 'busy'
    }
    job = written.job
    if (!job.scanned || performance.now() - started > budget.ms / 2) {
      const released = next(deps, job, { lease: null })
      return (await save(deps, released)) ? 'written' : 'busy'
    }
  }
  return assemble(deps, actor, kind, job)
}

/** Writes pages from the job's cursor into a new part file; the job as it is once that part is saved (its lease kept). */
async function writePart(deps: Deps, job: ExportJobRecord, kind: ExportKind, read: PageReader, path: string, started: number, budget: PartBudget): Promise<{ job: ExportJobRecord; key: string | null }> {
  const part = await openPart(deps.files, path)
  let cursor: ExportJobRecord['cursor'] | null = job.cursor
  let rows = 0
  let pages = 0
  let widths = job.widths
  try {
    while (cursor) {
      const page = await read(cursor, budget.pageSize ?? JOB_PAGE)
      cursor = page.next
      if (page.rows.length) {
        if (job.format === 'xlsx') {
          widths ??= columnWidths(kind.columns, page.rows)
          await part.write(xlsxRowsXml(kind.columns, page.rows, job.done + rows + 2))
        } else await part.write(csvRows(page.rows))
        rows += page.rows.length
      }
      pages++
      if (performance.now() - started > budget.ms || (budget.maxPages !== undefined && pages >= budget.maxPages)) break
    }
  } catch (err) {
    await part.abort()
    throw err
  }
  const scanned = cursor === null
  if (!rows) {
    await part.abort()
    return { job: next(deps, job, { cursor: cursor ?? job.cursor, scanned, widths, lease: job.lease && { ...job.lease, key: null } }), key: null }
  }
  const key = await part.close()
  return {
    job: next(deps, job, { cursor: cursor ?? job.cursor, scanned, widths, done: job.done + rows, parts: [...job.parts, { key, rows }], lease: job.lease && { ...job.lease, key: null } }),
    key,
  }
}

/** The file from the parts, audited and handed over; the job ready with it, its parts removed. */
async function assemble(deps: Deps, actor: Actor, kind: ExportKind, leased: ExportJobRecord): Promise<'ready' | 'busy'> {
  const fileName = `${kind.stem}${leased.masked ? '' : '-full'}-${shanghaiDate(deps.clock.now())}.${leased.format}`
  const contentType = CONTENT_TYPES[leased.format]
  const parts = leased.parts.map((p) => p.key)
  const path = exportPath(deps, leased.masked, fileName)
  // The file being written is named in the lease, so a runner taking over after a crash removes it.
  const job = next(deps, leased, { lease: leased.lease && { ...leased.lease, key: await deps.files.keyFor(path) } })
  if (!(await save(deps, job))) return 'busy'
  const { key, size } = await writeExportFile(deps, path, contentType, (out) =>
    assembleSheet(deps.files, out, { format: job.format, name: kind.sheet, columns: kind.columns, widths: job.widths ?? columnWidths(kind.columns, []), parts }),
  )
  try {
    const range = job.range && { from: job.range.from ?? null, to: job.range.to ?? null }
    await auditRead(deps, {
      actor: job.openid,
      action: kind.audit,
      subject: job.unitId,
      detail: { format: job.format, rows: job.done, masked: job.masked, job: job.id, parts: parts.length, ...(job.reason ? { reason: job.reason } : {}), ...range },
    })
    const file = await handOverExport(deps, actor, { key, fileName, contentType, size, rows: job.done, masked: job.masked })
    const ready = next(deps, job, {
      state: 'ready',
      lease: null,
      parts: [],
      file: { key, fileName, contentType, size, rows: job.done, expiresAt: file.expiresAt, ...(file.receipt ? { receipt: file.receipt } : {}) },
      expiresAt: file.expiresAt,
    })
    if (!(await save(deps, ready))) throw new Error('the export job was written meanwhile')
  } catch (err) {
    await deps.files.remove(key)
    throw err
  }
  await removeFiles(deps, parts)
  return 'ready'
}

/** Jobs the timer looks at per run. */
const DUE_BATCH = 10

/**
 * The timer's turn (CloudBase's `timers`, the local runner): parts of running jobs whose lease
 * ended, oldest first, while `budgetMs` lasts; a failing job is left for the next run. How many parts ran.
 */
export async function advanceExportJobs(deps: Deps, budgetMs = TIMER_PART_MS): Promise<number> {
  const started = performance.now()
  let ran = 0
  for (const job of await deps.store.repos.exportJobs.due(deps.clock.now().toISOString(), DUE_BATCH)) {
    const left = budgetMs - (performance.now() - started)
    if (left <= 1000) break
    try {
      const outcome = await runExportPart(deps, job.id, { ms: left })
      if (outcome === 'written' || outcome === 'ready') ran++
    } catch (err) {
      logFailure(err)
    }
  }
  return ran
}

/**
 * The timer's sweep of jobs past their time: a ready one's link has ended (its file goes with the
 * uploads' sweep, which audits an unreceived full export as expired), a running one was never
 * finished, a failed one was seen. Their part files and the records go; one unfinished is audited.
 */
export async function sweepExportJobs(deps: Deps, limit = 50): Promise<number> {
  const repos = deps.store.repos
  const expired = await repos.exportJobs.expired(deps.clock.now().toISOString(), limit)
  for (const job of expired) {
    await removeFiles(deps, [...job.parts.map((p) => p.key), ...(job.lease?.key ? [job.lease.key] : [])])
    if (job.state === 'running') await auditRead(deps, { actor: 'system:export-sweep', action: 'export.abandoned', subject: job.unitId, detail: { job: job.id, rows: job.done, masked: job.masked } })
    await repos.exportJobs.remove(job.id)
  }
  return expired.length
}

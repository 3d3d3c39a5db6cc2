import { createHash } from 'node:crypto'
import type { Actor } from '../../../src/domain'
import type { ExportedFile, ExportJobView } from '../../../src/domain/api/households'
import type { ExportColumn } from '../../../src/domain/household-export'
import type { CallContext, Deps, ExportJobRecord } from '../../ports'

/**
 * What the export jobs of every kind share, and what a kind says of itself (export-jobs.ts runs
 * the parts; a kind only reads its pages as rows): the household roll and the aid ledger.
 */

/** A page of rows from a cursor, and where the next one starts (null at the end). */
export type PageReader = (cursor: ExportJobRecord['cursor'], size: number) => Promise<{ rows: string[][]; next: ExportJobRecord['cursor'] | null }>

/** One kind of export job. */
export interface ExportKind {
  /** The file's name begins with it (`households-2026-03-02.xlsx`). */
  stem: string
  sheet: string
  columns: readonly ExportColumn[]
  /** The audit event's action once the file is handed over. */
  audit: string
  /** Reads pages with the starter's jurisdiction as it is now; throws an AppError when the job's unit has left it. */
  reader(deps: Deps, actor: Actor & { unitId: string }, job: ExportJobRecord): Promise<PageReader>
}

/** A job not finished within a day is swept (its parts removed). */
export const RUNNING_TTL_MS = 24 * 3600_000

export const iso = (ms: number) => new Date(ms).toISOString()
export const nowMs = (deps: Deps) => deps.clock.now().getTime()

/** A job's id: from the starter and the request id (a retried start finds it), else random. */
function jobId(deps: Deps, openid: string, requestId: string | null): string {
  return requestId ? createHash('sha256').update(`export-job\n${openid}\n${requestId}`).digest('base64url').slice(0, 32) : deps.ids.newId().replace(/[^\w-]/g, '')
}

/** What a start says of its job; the rest is where every job begins. */
export type JobStart = Pick<ExportJobRecord, 'kind' | 'format' | 'masked' | 'reason' | 'unitId' | 'cursor'> & Partial<Pick<ExportJobRecord, 'range'>>

/**
 * The job written and answered at once, or the one a retried request id started already.
 * `total` counts what it will export (called only for a new job).
 */
export async function startExportJob(deps: Deps, actor: Actor, ctx: CallContext, start: JobStart, total: () => Promise<number>): Promise<ExportJobView> {
  const repos = deps.store.repos
  const id = jobId(deps, actor.openid, ctx.requestId)
  const existing = await repos.exportJobs.get(id)
  if (existing) return viewOf(deps, existing)
  const now = nowMs(deps)
  const job: ExportJobRecord = {
    id,
    openid: actor.openid,
    ...start,
    requestId: ctx.requestId,
    createdAt: iso(now),
    updatedAt: iso(now),
    state: 'running',
    total: await total(),
    done: 0,
    scanned: false,
    widths: null,
    parts: [],
    lease: null,
    file: null,
    error: null,
    expiresAt: iso(now + RUNNING_TTL_MS),
    version: 1,
  }
  if (!(await repos.exportJobs.add(job))) {
    const raced = await repos.exportJobs.get(id)
    if (raced) return viewOf(deps, raced)
  }
  return viewOf(deps, job)
}

/** The job as its page shows it; a ready one with a link issued for the rest of its time. */
export async function viewOf(deps: Deps, job: ExportJobRecord): Promise<ExportJobView> {
  const base = { jobId: job.id, state: job.state, done: job.done, total: job.total }
  if (job.state === 'failed') return { ...base, error: job.error ?? '导出失败，请重新导出' }
  if (job.state !== 'ready' || !job.file) return base
  const seconds = Math.floor((Date.parse(job.file.expiresAt) - nowMs(deps)) / 1000)
  const url = seconds > 0 ? await deps.files.temporaryUrl(job.file.key, seconds) : null
  if (!url) return { ...base, error: '下载链接已过期，请重新导出' }
  const { key: _key, ...file } = job.file
  const view: ExportedFile = { ...file, masked: job.masked, url }
  return { ...base, file: view }
}

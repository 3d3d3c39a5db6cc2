import type { ApplicationRecord, Deps, RetentionSchedule } from '../../ports'
import { appendAudit } from '../shared/audit'
import { removeFiles } from '../shared/files'
import { policyFor } from '../shared/policy'
import { RECORD_KINDS } from './record-kinds'

/** Who the audit log names for deletions the retention schedule makes. */
export const RETENTION_ACTOR = 'system:retention'

/** What a run of the retention schedule did. */
export interface RetentionReport {
  /** Closed applications whose documents and photos were deleted. */
  applicationsPurged: number
  filesRemoved: number
  /** Files whose removal failed after the record was cleared (storage is retried by nothing: listed in the log by count). */
  filesFailed: number
}

const DAY_MS = 24 * 3600 * 1000

/**
 * The retention schedule, run by the timer: the documents and visit photos of applications
 * rejected or withdrawn more than `retention.closedApplicationDocuments` days ago (the top unit's
 * policy: the union sets it; unset, nothing is deleted) are deleted. Per application one
 * transaction clears them from the record and appends an audit event naming what went (kinds and
 * counts, never contents); the files are removed after it commits.
 */
export async function purgeClosedDocuments(deps: Deps, limit = 50): Promise<RetentionReport> {
  const report: RetentionReport = { applicationsPurged: 0, filesRemoved: 0, filesFailed: 0 }
  const root = await deps.store.repos.units.get(deps.settings.defaultUnitId)
  const days = root ? (await policyFor(deps.store.repos, root))?.policy.retention?.closedApplicationDocuments : undefined
  if (!days) return report
  const now = deps.clock.now()
  const before = new Date(now.getTime() - days * DAY_MS).toISOString()
  for (const candidate of await deps.store.repos.applications.closedBefore(before, limit)) {
    const files = await deps.store.transaction(async (repos): Promise<string[] | null> => {
      const rec = await repos.applications.get(candidate.id)
      if (!rec || !['rejected', 'withdrawn'].includes(rec.status) || rec.documentsPurgedAt || rec.updatedAt >= before) return null
      const gone = [...(rec.documents ?? []), ...(rec.visitPhotos ?? [])]
      const at = now.toISOString()
      const next: ApplicationRecord = { ...rec, documents: [], visitPhotos: [], documentsPurgedAt: at, version: rec.version + 1 }
      if (!(await repos.applications.update(next, rec.version))) return null
      await appendAudit(repos, deps.cipher, now, {
        actor: RETENTION_ACTOR,
        action: 'retention.delete-documents',
        subject: `application:${rec.id}`,
        detail: { status: rec.status, closedAt: rec.updatedAt, retentionDays: days, documents: (rec.documents ?? []).map((d) => d.kind), visitPhotos: (rec.visitPhotos ?? []).length },
      })
      return gone.map((d) => d.storageKey)
    })
    if (!files) continue
    report.applicationsPurged++
    for (const key of files) {
      try {
        await deps.files.remove(key)
        report.filesRemoved++
      } catch {
        report.filesFailed++
      }
    }
  }
  return report
}

/** Records each kind of the schedule deleted in one run (absent: its period is not set). */
export type KindCounts = Partial<Record<keyof RetentionSchedule, number>>

/**
 * The rest of the retention schedule, run by the timer after the documents and drafts above: for
 * each kind of record whose period the union set (RECORD_KINDS), at most `limit` due records a
 * run, the oldest first, each deleted in its own transaction with its audit event (kinds and
 * counts, never contents); files are removed after the commit. A run's work is bounded by
 * `limit` per kind however large the backlog: the next runs take the rest.
 */
export async function applyRetention(deps: Deps, limit = 50): Promise<{ deleted: KindCounts; filesRemoved: number }> {
  const deleted: KindCounts = {}
  let filesRemoved = 0
  const root = await deps.store.repos.units.get(deps.settings.defaultUnitId)
  const schedule = root ? (await policyFor(deps.store.repos, root))?.policy.retention : undefined
  if (!schedule) return { deleted, filesRemoved }
  const now = deps.clock.now()
  for (const kind of RECORD_KINDS) {
    const days = schedule[kind.kind]
    if (!days) continue
    const before = new Date(now.getTime() - days * DAY_MS).toISOString()
    deleted[kind.kind] = 0
    for (const id of await kind.scan(deps.store.repos, before, limit)) {
      const files = await deps.store
        .transaction(async (repos): Promise<string[] | null> => {
          const gone = await kind.purge(repos, id, before, now.toISOString())
          if (!gone || gone === 'marked') return null
          await appendAudit(repos, deps.cipher, now, { actor: RETENTION_ACTOR, action: gone.action, subject: gone.subject, detail: { ...gone.detail, retentionDays: days } })
          return gone.files
        })
        // A record written meanwhile rolls its transaction back and waits for the next run; the other kinds and the timer's other work go on.
        .catch((err: unknown) => (console.error(`[retention] ${kind.kind}: ${err instanceof Error ? err.name : 'error'}`), null))
      if (!files) continue
      deleted[kind.kind]!++
      await removeFiles(deps, files)
      filesRemoved += files.length
    }
  }
  return { deleted, filesRemoved }
}

import type { Deps, RetentionSchedule } from '../../ports'
import { appendAudit } from '../shared/audit'
import { removeFiles } from '../shared/files'
import { policyFor } from '../shared/policy'
import { RECORD_KINDS } from './record-kinds'

/** Who the audit log names for deletions the retention schedule makes. */
export const RETENTION_ACTOR = 'system:retention'

const DAY_MS = 24 * 3600 * 1000

/** Records each kind of the schedule deleted in one run (absent: its period is not set). */
export type KindCounts = Partial<Record<keyof RetentionSchedule, number>>

/**
 * The retention schedule, run by the timer (abandoned drafts, which warn first, have their own
 * pass: ./abandoned-drafts.ts): for each kind of record whose period the union set in the top
 * unit's policy (RECORD_KINDS; unset, nothing is deleted), at most `limit` due records a
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
      const gathered = kind.gather ? await kind.gather(deps.store.repos, id) : undefined
      const files = await deps.store
        .transaction(async (repos): Promise<string[] | null> => {
          const gone = await kind.purge(repos, id, before, now.toISOString(), gathered)
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

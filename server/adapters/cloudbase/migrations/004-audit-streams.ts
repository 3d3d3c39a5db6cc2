import { AUDIT_EVENTS, AUDIT_HEADS } from '../collections'
import type { Database } from '../types'
import { MIGRATION_BATCH, type CloudbaseMigration } from './migration'

/** The stream the union's one chain before issue 11 becomes (server/usecases/shared/audit.ts: LEGACY_STREAM). */
const LEGACY_STREAM = 'legacy'
/** _id of the old log's head hint. */
const OLD_HEAD = 'head'

/** The legacy chain's newest event, or null when there was none. */
async function legacyHead(db: Database): Promise<{ seq: number; hash: string; at: string } | null> {
  const { data } = await db.collection(AUDIT_EVENTS).where({ stream: LEGACY_STREAM }).orderBy('seq', 'desc').limit(1).get()
  return data[0] ? { seq: Number(data[0].seq), hash: String(data[0].hash), at: String(data[0].at) } : null
}

/**
 * The audit log's one chain becomes the stream `legacy`, unchanged: every event keeps its _id,
 * seq and hashes (they were computed without a stream, and the verifier knows it), gains
 * `stream: 'legacy'`, and the stream's head goes to `audit_heads`; the old head hint is removed.
 * New events chain per record. SQLite's migration 11 does the same. Idempotent: events already
 * carrying a stream are left alone.
 */
export const auditStreams: CloudbaseMigration = {
  id: '004-audit-streams',
  description: 'audit streams: the one chain becomes the legacy stream; new events chain per record',
  async run({ db, log }) {
    const _ = db.command
    let changed = 0
    for (;;) {
      const { data } = await db.collection(AUDIT_EVENTS).where({ stream: _.exists(false), seq: _.exists(true) }).limit(MIGRATION_BATCH).get()
      for (const doc of data) {
        const { updated } = await db.collection(AUDIT_EVENTS).where({ _id: doc._id, stream: _.exists(false) }).update({ stream: LEGACY_STREAM })
        changed += updated ?? 0
      }
      if (data.length < MIGRATION_BATCH) break
    }
    const head = await legacyHead(db)
    if (head) await db.collection(AUDIT_HEADS).doc(LEGACY_STREAM).set({ stream: LEGACY_STREAM, ...head })
    const { deleted } = await db.collection(AUDIT_EVENTS).doc(OLD_HEAD).remove()
    log?.(`  ${changed} audit events moved to the legacy stream${head ? `, head seq ${head.seq}` : ''}`)
    return { changed: changed + Number(deleted ?? 0) }
  },
}


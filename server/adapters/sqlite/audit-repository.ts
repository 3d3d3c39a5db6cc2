import type { AuditAnchor, AuditEvent, AuditHead, AuditRepository } from '../../ports'
import { isUniqueViolation, type Db } from './connection'

interface AuditRow {
  stream: string
  seq: number
  at: string
  actor: string
  action: string
  subject: string
  detail: string
  prev_hash: string
  hash: string
}

interface AnchorRow {
  n: number
  at: string
  heads: string
  prev_hash: string
  hash: string
}

const fromAuditRow = (r: AuditRow): AuditEvent => ({
  stream: r.stream,
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  subject: r.subject,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
})

const fromAnchorRow = (r: AnchorRow): AuditAnchor => ({ n: r.n, at: r.at, heads: JSON.parse(r.heads) as AuditAnchor['heads'], prevHash: r.prev_hash, hash: r.hash })

/** Inserts a row; false when its key exists already. */
function insertOnce(run: () => void): boolean {
  try {
    run()
    return true
  } catch (err) {
    if (isUniqueViolation(err)) return false
    throw err
  }
}

export function auditRepository(db: Db): AuditRepository {
  return {
    async head(stream) {
      return (db.prepare('SELECT seq, hash FROM audit_events WHERE stream = ? ORDER BY seq DESC LIMIT 1').get(stream) as { seq: number; hash: string } | undefined) ?? null
    },
    async append(e) {
      return insertOnce(() =>
        db
          .prepare('INSERT INTO audit_events (stream, seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
          .run(e.stream, e.seq, e.at, e.actor, e.action, e.subject, JSON.stringify(e.detail), e.prevHash, e.hash),
      )
    },
    async list(after, limit) {
      const rows = after
        ? db.prepare('SELECT * FROM audit_events WHERE (stream, seq) > (?, ?) ORDER BY stream, seq LIMIT ?').all(after.stream, after.seq, limit)
        : db.prepare('SELECT * FROM audit_events ORDER BY stream, seq LIMIT ?').all(limit)
      return (rows as AuditRow[]).map(fromAuditRow)
    },
    async headsSince(since) {
      return db
        .prepare(
          `SELECT e.stream, e.seq, e.hash, e.at FROM audit_events e
           WHERE e.at >= ? AND e.seq = (SELECT max(seq) FROM audit_events WHERE stream = e.stream)
           ORDER BY e.stream`,
        )
        .all(since) as AuditHead[]
    },
    async addAnchor(a) {
      return insertOnce(() => db.prepare('INSERT INTO audit_anchors (n, at, heads, prev_hash, hash) VALUES (?, ?, ?, ?, ?)').run(a.n, a.at, JSON.stringify(a.heads), a.prevHash, a.hash))
    },
    async anchors(fromN, limit) {
      return (db.prepare('SELECT * FROM audit_anchors WHERE n >= ? ORDER BY n LIMIT ?').all(fromN, limit) as AnchorRow[]).map(fromAnchorRow)
    },
    async lastAnchor() {
      const row = db.prepare('SELECT * FROM audit_anchors ORDER BY n DESC LIMIT 1').get() as AnchorRow | undefined
      return row ? fromAnchorRow(row) : null
    },
  }
}

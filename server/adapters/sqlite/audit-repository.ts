import type { AuditEvent, AuditRepository } from '../../ports'
import { isUniqueViolation, type Db } from './connection'

interface AuditRow {
  seq: number
  at: string
  actor: string
  action: string
  subject: string
  detail: string
  prev_hash: string
  hash: string
}

const fromAuditRow = (r: AuditRow): AuditEvent => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  subject: r.subject,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
})

export function auditRepository(db: Db): AuditRepository {
  return {
    async head() {
      return (db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null
    },
    async append(e) {
      try {
        db.prepare(
          'INSERT INTO audit_events (seq, at, actor, action, subject, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(e.seq, e.at, e.actor, e.action, e.subject, JSON.stringify(e.detail), e.prevHash, e.hash)
        return true
      } catch (err) {
        if (isUniqueViolation(err)) return false
        throw err
      }
    },
    async list(fromSeq, limit) {
      const rows = db.prepare('SELECT * FROM audit_events WHERE seq >= ? ORDER BY seq LIMIT ?').all(fromSeq, limit) as AuditRow[]
      return rows.map(fromAuditRow)
    },
  }
}

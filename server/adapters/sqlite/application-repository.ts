import type {
  ApplicationRecord,
  ApplicationRepository,
  AuditEvent,
  AuditRepository,
  ClaimRepository,
  CounterRepository,
  IdempotencyRepository,
  OrgUnitRecord,
  OrgUnitRepository,
  PolicyRecord,
  PolicyRepository,
  Repositories,
  StaffRecord,
  StaffRepository,
} from '../../ports'
import type { Db } from './connection'
import { contactRepository, ledgerRepository, measureRepository } from './measure-repository'
import { campaignRepository, checkRepository } from './campaign-repository'
import { householdRepository } from './household-repository'
import { messageRepository, outboxRepository } from './outbox-repository'
import { invitationRepository, rateLimitRepository } from './invitation-repository'
import { problemReportRepository, stationRepository } from './station-repository'

// Not `instanceof`: under jest a module loaded by another test file has its own Error class.
const isUniqueViolation = (e: unknown) =>
  typeof e === 'object' && e !== null && String((e as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')

/** Cases without a deadline sort after every dated one. */
export const NO_DEADLINE = '9999-12-31T23:59:59.999Z'
const dueSort = (rec: ApplicationRecord) => rec.dueAt ?? NO_DEADLINE

function applications(db: Db): ApplicationRepository {
  const parse = (row: { doc: string } | undefined) => (row ? (JSON.parse(row.doc) as ApplicationRecord) : null)
  return {
    async insert(rec) {
      db.prepare(
        `INSERT INTO applications (id, number, applicant_openid, unit_id, status, version, created_at, updated_at, name, due_sort, notice_ends_at, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(rec.id, rec.number, rec.applicantOpenid, rec.unitId, rec.status, rec.version, rec.createdAt, rec.updatedAt, rec.name, dueSort(rec), rec.noticeEndsAt ?? null, JSON.stringify(rec))
    },
    async get(id) {
      return parse(db.prepare('SELECT doc FROM applications WHERE id = ?').get(id) as { doc: string } | undefined)
    },
    async listByApplicant(openid, { offset, limit }) {
      const rows = db
        .prepare('SELECT doc FROM applications WHERE applicant_openid = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?')
        .all(openid, limit, offset) as { doc: string }[]
      const total = db.prepare('SELECT count(*) FROM applications WHERE applicant_openid = ?').pluck().get(openid) as number
      return { items: rows.map((r) => JSON.parse(r.doc) as ApplicationRecord), total }
    },
    async update(rec, expectedVersion) {
      const result = db
        .prepare(
          `UPDATE applications SET number = ?, applicant_openid = ?, unit_id = ?, status = ?, version = ?, updated_at = ?, name = ?, due_sort = ?, notice_ends_at = ?, doc = ?
           WHERE id = ? AND version = ?`,
        )
        .run(rec.number, rec.applicantOpenid, rec.unitId, rec.status, rec.version, rec.updatedAt, rec.name, dueSort(rec), rec.noticeEndsAt ?? null, JSON.stringify(rec), rec.id, expectedVersion)
      return result.changes === 1
    },
    async queue({ unitIds, status, offset, limit }) {
      const units = JSON.stringify(unitIds)
      const rows = db
        .prepare(
          `SELECT doc FROM applications WHERE status = ? AND unit_id IN (SELECT value FROM json_each(?))
           ORDER BY due_sort, id LIMIT ? OFFSET ?`,
        )
        .all(status, units, limit, offset) as { doc: string }[]
      const total = db.prepare('SELECT count(*) FROM applications WHERE status = ? AND unit_id IN (SELECT value FROM json_each(?))').pluck().get(status, units) as number
      return { items: rows.map((r) => JSON.parse(r.doc) as ApplicationRecord), total }
    },
    async countStage(unitIds, status, now) {
      const row = db
        .prepare(
          `SELECT count(*) AS total, count(CASE WHEN due_sort < ? THEN 1 END) AS overdue
           FROM applications WHERE status = ? AND unit_id IN (SELECT value FROM json_each(?))`,
        )
        .get(now, status, JSON.stringify(unitIds)) as { total: number; overdue: number }
      return { total: row.total, overdue: row.overdue }
    },
    async byNumber(number) {
      return parse(db.prepare('SELECT doc FROM applications WHERE number = ?').get(number) as { doc: string } | undefined)
    },
    async byName(unitIds, name, limit) {
      const rows = db
        .prepare(
          `SELECT doc FROM applications WHERE name = ? AND unit_id IN (SELECT value FROM json_each(?))
           ORDER BY created_at DESC, id DESC LIMIT ?`,
        )
        .all(name, JSON.stringify(unitIds), limit) as { doc: string }[]
      return rows.map((r) => JSON.parse(r.doc) as ApplicationRecord)
    },
    async noticesEnded(now, limit) {
      const rows = db
        .prepare(`SELECT doc FROM applications WHERE status = 'publicizing' AND notice_ends_at <= ? ORDER BY notice_ends_at, id LIMIT ?`)
        .all(now, limit) as { doc: string }[]
      return rows.map((r) => JSON.parse(r.doc) as ApplicationRecord)
    },
  }
}

function claims(db: Db): ClaimRepository {
  return {
    async get(key) {
      return (db.prepare('SELECT key, holder FROM claims WHERE key = ?').get(key) as { key: string; holder: string } | undefined) ?? null
    },
    async create(key, holder) {
      return db.prepare('INSERT INTO claims (key, holder) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, holder).changes === 1
    },
    async release(key) {
      db.prepare('DELETE FROM claims WHERE key = ?').run(key)
    },
  }
}

function counters(db: Db): CounterRepository {
  return {
    async next(name) {
      return db
        .prepare('INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value')
        .pluck()
        .get(name) as number
    },
  }
}

function idempotency(db: Db): IdempotencyRepository {
  return {
    async get(key) {
      const reply = db.prepare('SELECT reply FROM idempotency WHERE key = ?').pluck().get(key) as string | undefined
      return reply === undefined ? null : (JSON.parse(reply) as unknown)
    },
    async put(key, reply, at) {
      db.prepare('INSERT INTO idempotency (key, reply, at) VALUES (?, ?, ?)').run(key, JSON.stringify(reply), at)
    },
  }
}

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

function audit(db: Db): AuditRepository {
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

function staff(db: Db): StaffRepository {
  return {
    async getByOpenid(openid) {
      const doc = db.prepare('SELECT doc FROM staff WHERE openid = ?').pluck().get(openid) as string | undefined
      return doc ? (JSON.parse(doc) as StaffRecord) : null
    },
    async put(s) {
      db.prepare('INSERT INTO staff (openid, unit_id, doc) VALUES (?, ?, ?) ON CONFLICT (openid) DO UPDATE SET unit_id = excluded.unit_id, doc = excluded.doc').run(
        s.openid,
        s.unitId,
        JSON.stringify(s),
      )
    },
    async listByUnits(unitIds, { offset, limit }) {
      if (unitIds.length === 0) return { items: [], total: 0 }
      const ids = JSON.stringify(unitIds)
      const docs = db
        .prepare('SELECT doc FROM staff WHERE unit_id IN (SELECT value FROM json_each(?)) ORDER BY openid LIMIT ? OFFSET ?')
        .pluck()
        .all(ids, limit, offset) as string[]
      const total = db.prepare('SELECT count(*) FROM staff WHERE unit_id IN (SELECT value FROM json_each(?))').pluck().get(ids) as number
      return { items: docs.map((d) => JSON.parse(d) as StaffRecord), total }
    },
  }
}

/** `/root/child/unit/`: unit ids hold no '/', so a subtree is a prefix range. */
const pathKey = (path: readonly string[]) => `/${path.join('/')}/`

function units(db: Db): OrgUnitRepository {
  return {
    async get(id) {
      const doc = db.prepare('SELECT doc FROM org_units WHERE id = ?').pluck().get(id) as string | undefined
      return doc ? (JSON.parse(doc) as OrgUnitRecord) : null
    },
    async put(u) {
      db.prepare(
        'INSERT INTO org_units (id, parent_id, path_key, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, path_key = excluded.path_key, doc = excluded.doc',
      ).run(u.id, u.parentId, pathKey(u.path), JSON.stringify(u))
    },
    async subtree(rootId) {
      const root = db.prepare('SELECT path_key FROM org_units WHERE id = ?').pluck().get(rootId) as string | undefined
      if (!root) return []
      // Every path below the root starts with the root's key: a range on the index (the byte after '/' is '0').
      const docs = db.prepare('SELECT doc FROM org_units WHERE path_key >= ? AND path_key < ?').pluck().all(root, `${root.slice(0, -1)}0`) as string[]
      return docs.map((d) => JSON.parse(d) as OrgUnitRecord)
    },
    async children(parentId) {
      const docs = (
        parentId === null
          ? db.prepare('SELECT doc FROM org_units WHERE parent_id IS NULL ORDER BY id').pluck().all()
          : db.prepare('SELECT doc FROM org_units WHERE parent_id = ? ORDER BY id').pluck().all(parentId)
      ) as string[]
      return docs.map((d) => JSON.parse(d) as OrgUnitRecord)
    },
  }
}

function policies(db: Db): PolicyRepository {
  return {
    async get(unitId) {
      const doc = db.prepare('SELECT doc FROM policies WHERE unit_id = ?').pluck().get(unitId) as string | undefined
      return doc ? (JSON.parse(doc) as PolicyRecord) : null
    },
    async put(p) {
      db.prepare('INSERT INTO policies (unit_id, doc) VALUES (?, ?) ON CONFLICT (unit_id) DO UPDATE SET doc = excluded.doc').run(p.unitId, JSON.stringify(p))
    },
  }
}

/** Every repository bound to one connection. */
export function bindRepositories(db: Db): Repositories {
  return {
    applications: applications(db),
    claims: claims(db),
    counters: counters(db),
    idempotency: idempotency(db),
    audit: audit(db),
    staff: staff(db),
    units: units(db),
    policies: policies(db),
    stations: stationRepository(db),
    problemReports: problemReportRepository(db),
    outbox: outboxRepository(db),
    messages: messageRepository(db),
    invitations: invitationRepository(db),
    rateLimits: rateLimitRepository(db),
    households: householdRepository(db),
    measures: measureRepository(db),
    ledger: ledgerRepository(db),
    contacts: contactRepository(db),
    campaigns: campaignRepository(db),
    checks: checkRepository(db),
  }
}

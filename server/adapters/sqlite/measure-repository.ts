import type { DisbursementEntry } from '../../../src/domain/ledger'
import type { ContactRecord, ContactRepository, LedgerRepository, MeasureRecord, MeasureRepository } from '../../ports'
import type { Db } from './connection'

/** The most measures `listByHousehold` returns. */
const MAX_MEASURES = 200
/** The most ledger entries `listByHousehold` returns. */
const MAX_ENTRIES = 1000

export function measureRepository(db: Db): MeasureRepository {
  const parse = (doc: unknown) => (doc ? (JSON.parse(doc as string) as MeasureRecord) : null)
  return {
    async insert(rec) {
      db.prepare('INSERT INTO measures (id, household_id, created_at, version, doc) VALUES (?, ?, ?, ?, ?)').run(rec.id, rec.householdId, rec.createdAt, rec.version, JSON.stringify(rec))
    },
    async get(id) {
      return parse(db.prepare('SELECT doc FROM measures WHERE id = ?').pluck().get(id))
    },
    async update(rec, expectedVersion) {
      const r = db
        .prepare('UPDATE measures SET household_id = ?, created_at = ?, version = ?, doc = ? WHERE id = ? AND version = ?')
        .run(rec.householdId, rec.createdAt, rec.version, JSON.stringify(rec), rec.id, expectedVersion)
      return r.changes === 1
    },
    async listByHousehold(householdId) {
      const docs = db.prepare('SELECT doc FROM measures WHERE household_id = ? ORDER BY created_at, id LIMIT ?').pluck().all(householdId, MAX_MEASURES) as string[]
      return docs.map((d) => JSON.parse(d) as MeasureRecord)
    },
  }
}

/** The ledger: INSERT only; triggers of migration 7 refuse any UPDATE or DELETE of the table. */
export function ledgerRepository(db: Db): LedgerRepository {
  const parseAll = (docs: unknown[]) => (docs as string[]).map((d) => JSON.parse(d) as DisbursementEntry)
  return {
    async append(e) {
      db.prepare('INSERT INTO disbursements (id, household_id, unit_id, paid_on, created_at, doc) VALUES (?, ?, ?, ?, ?, ?)').run(
        e.id,
        e.householdId,
        e.unitId,
        e.paidOn,
        e.createdAt,
        JSON.stringify(e),
      )
    },
    async get(id) {
      const doc = db.prepare('SELECT doc FROM disbursements WHERE id = ?').pluck().get(id) as string | undefined
      return doc ? (JSON.parse(doc) as DisbursementEntry) : null
    },
    async listByHousehold(householdId) {
      return parseAll(db.prepare('SELECT doc FROM disbursements WHERE household_id = ? ORDER BY created_at, id LIMIT ?').pluck().all(householdId, MAX_ENTRIES))
    },
    async scan({ unitIds, from, to }, afterId, limit) {
      if (unitIds.length === 0 || limit <= 0) return []
      const docs = db
        .prepare(
          // Walks the id index in order (the `+` keeps the planner off the unit index, which would sort every remaining row per page).
          `SELECT doc FROM disbursements WHERE +unit_id IN (SELECT value FROM json_each(?)) AND +paid_on >= ? AND +paid_on <= ? AND id > ?
           ORDER BY id LIMIT ?`,
        )
        .pluck()
        // Dates are `YYYY-MM-DD`: '' is before every one and '9' after.
        .all(JSON.stringify(unitIds), from ?? '', to ?? '9', afterId ?? '', limit)
      return parseAll(docs)
    },
  }
}

export function contactRepository(db: Db): ContactRepository {
  return {
    async add(rec) {
      db.prepare('INSERT INTO contacts (id, household_id, contact_on, created_at, doc) VALUES (?, ?, ?, ?, ?)').run(rec.id, rec.householdId, rec.on, rec.createdAt, JSON.stringify(rec))
    },
    async listByHousehold(householdId, { offset, limit }) {
      const docs = db
        .prepare('SELECT doc FROM contacts WHERE household_id = ? ORDER BY contact_on DESC, created_at DESC, id DESC LIMIT ? OFFSET ?')
        .pluck()
        .all(householdId, Math.max(0, limit), offset) as string[]
      const total = db.prepare('SELECT count(*) FROM contacts WHERE household_id = ?').pluck().get(householdId) as number
      return { items: docs.map((d) => JSON.parse(d) as ContactRecord), total }
    },
  }
}

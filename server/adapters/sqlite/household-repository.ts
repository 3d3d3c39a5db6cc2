import type { HouseholdQuery, HouseholdRecord, HouseholdRepository } from '../../ports'
import type { Db } from './connection'

/** The WHERE clause of a household query and its parameters: units as a JSON list for `json_each`, the status when given. */
function householdFilter({ unitIds, status }: HouseholdQuery): { sql: string; params: string[] } {
  const units = JSON.stringify(unitIds)
  return status
    ? { sql: 'unit_id IN (SELECT value FROM json_each(?)) AND status = ?', params: [units, status] }
    : { sql: 'unit_id IN (SELECT value FROM json_each(?))', params: [units] }
}

const parseAll = (docs: unknown[]) => (docs as string[]).map((d) => JSON.parse(d) as HouseholdRecord)

/** Households: the record as JSON, with the columns its lists and searches filter and sort by. */
export function householdRepository(db: Db): HouseholdRepository {
  return {
    async insert(rec) {
      db.prepare('INSERT INTO households (id, unit_id, status, version, number, head_name, doc) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        rec.id,
        rec.unitId,
        rec.status,
        rec.version,
        rec.number,
        rec.headName,
        JSON.stringify(rec),
      )
    },
    async get(id) {
      const doc = db.prepare('SELECT doc FROM households WHERE id = ?').pluck().get(id) as string | undefined
      return doc ? (JSON.parse(doc) as HouseholdRecord) : null
    },
    async update(rec, expectedVersion) {
      const r = db
        .prepare('UPDATE households SET unit_id = ?, status = ?, version = ?, number = ?, head_name = ?, doc = ? WHERE id = ? AND version = ?')
        .run(rec.unitId, rec.status, rec.version, rec.number, rec.headName, JSON.stringify(rec), rec.id, expectedVersion)
      return r.changes === 1
    },
    async list(query, { offset, limit }) {
      if (query.unitIds.length === 0) return { items: [], total: 0 }
      const { sql, params } = householdFilter(query)
      const docs = db.prepare(`SELECT doc FROM households WHERE ${sql} ORDER BY number, id LIMIT ? OFFSET ?`).pluck().all(...params, Math.max(0, limit), offset)
      const total = db.prepare(`SELECT count(*) FROM households WHERE ${sql}`).pluck().get(...params) as number
      return { items: parseAll(docs), total }
    },
    async search(unitIds, text, limit) {
      const wanted = text.trim()
      if (unitIds.length === 0 || !wanted || limit <= 0) return []
      const docs = db
        .prepare('SELECT doc FROM households WHERE (number = ? OR head_name = ?) AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY number, id LIMIT ?')
        .pluck()
        .all(wanted, wanted, JSON.stringify(unitIds), limit)
      return parseAll(docs)
    },
    async scan(query, afterId, limit) {
      if (query.unitIds.length === 0 || limit <= 0) return []
      const { sql, params } = householdFilter(query)
      const docs = db.prepare(`SELECT doc FROM households WHERE ${sql} AND id > ? ORDER BY id LIMIT ?`).pluck().all(...params, afterId ?? '', limit)
      return parseAll(docs)
    },
  }
}

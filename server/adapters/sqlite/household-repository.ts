import type { HouseholdQuery, HouseholdRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readAll, readOne, readPage } from './documents'

/** The WHERE clause of a household query and its parameters: units as a JSON list for `json_each`, the status when given. */
function householdFilter({ unitIds, status }: HouseholdQuery): { sql: string; params: string[] } {
  const units = JSON.stringify(unitIds)
  return status
    ? { sql: 'unit_id IN (SELECT value FROM json_each(?)) AND status = ?', params: [units, status] }
    : { sql: 'unit_id IN (SELECT value FROM json_each(?))', params: [units] }
}

/** Households: the record as JSON, with the columns its lists and searches filter and sort by. */
export function householdRepository(db: Db): HouseholdRepository {
  return {
    async insert(rec) {
      db.prepare('INSERT INTO households (id, unit_id, status, version, number, head_name, doc) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        ...[rec.id, rec.unitId, rec.status, rec.version, rec.number, rec.headName, JSON.stringify(rec)],
      )
    },
    async get(id) {
      return readOne(db, 'SELECT doc FROM households WHERE id = ?', id)
    },
    async update(rec, expectedVersion) {
      return changedOne(
        db,
        'UPDATE households SET unit_id = ?, status = ?, version = ?, number = ?, head_name = ?, doc = ? WHERE id = ? AND version = ?',
        ...[rec.unitId, rec.status, rec.version, rec.number, rec.headName, JSON.stringify(rec), rec.id, expectedVersion],
      )
    },
    async list(query, page) {
      if (query.unitIds.length === 0) return { items: [], total: 0 }
      const { sql, params } = householdFilter(query)
      return readPage(db, `households WHERE ${sql}`, params, 'number, id', page)
    },
    async search(unitIds, text, limit) {
      const wanted = text.trim()
      if (unitIds.length === 0 || !wanted || limit <= 0) return []
      return readAll(
        db,
        'SELECT doc FROM households WHERE (number = ? OR head_name = ?) AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY number, id LIMIT ?',
        ...[wanted, wanted, JSON.stringify(unitIds), limit],
      )
    },
    async scan(query, afterId, limit) {
      if (query.unitIds.length === 0 || limit <= 0) return []
      const { sql, params } = householdFilter(query)
      return readAll(db, `SELECT doc FROM households WHERE ${sql} AND id > ? ORDER BY id LIMIT ?`, ...params, afterId ?? '', limit)
    },
  }
}

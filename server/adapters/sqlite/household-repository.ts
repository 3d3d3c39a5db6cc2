import type { HouseholdQuery, HouseholdRecord, HouseholdRepository } from '../../ports'
import type { Db } from './connection'
import { householdKeyVersion } from '../keys/key-versions'
import { guardedRows, readAll, readPage, underOldKey } from './documents'

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
    ...guardedRows<HouseholdRecord, number>(db, 'households', {
      unit_id: (r) => r.unitId,
      status: (r) => r.status,
      version: (r) => r.version,
      number: (r) => r.number,
      head_name: (r) => r.headName,
      key_version: householdKeyVersion,
    }),
    async underOldKey(version, limit) {
      return underOldKey<HouseholdRecord>(db, 'households', version, limit)
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

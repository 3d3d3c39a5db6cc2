import type { HouseholdQuery, HouseholdRecord, HouseholdRepository } from '../../ports'
import type { Db } from './connection'
import { householdKeyVersion } from '../keys/key-versions'
import { guardedRows, readAll, readByIds, readPage, UNDER_UNIT, underOldKey } from './documents'

/** The WHERE clause of a household query and its parameters: units as a JSON list for `json_each`, the status when given. */
function householdFilter({ unitIds, status }: HouseholdQuery): { sql: string; params: string[] } {
  const units = JSON.stringify(unitIds)
  return status
    ? { sql: 'unit_id IN (SELECT value FROM json_each(?)) AND status = ?', params: [units, status] }
    : { sql: 'unit_id IN (SELECT value FROM json_each(?))', params: [units] }
}

/** The statements that page and scan a jurisdiction's households, with or without a status; their plans are checked in unit-scopes-plan.test.ts. */
export const HOUSEHOLD_SQL = {
  page: (status: boolean) =>
    `SELECT h.doc FROM household_entries e JOIN households h ON h.id = e.id WHERE e.ancestor_id = ?${status ? ' AND e.status = ?' : ''} AND (e.number, e.id) > (?, ?) ORDER BY e.number, e.id LIMIT ?`,
  scanUnit: (status: boolean) => `SELECT doc FROM households WHERE unit_id = ?${status ? ' AND status = ?' : ''} AND id > ? ORDER BY id LIMIT ?`,
  scanUnits: (status: boolean) => `SELECT doc FROM households WHERE unit_id IN (SELECT value FROM json_each(?) WHERE value > ?)${status ? ' AND status = ?' : ''} ORDER BY unit_id, id LIMIT ?`,
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
    async getMany(ids) {
      return readByIds(db, 'households', ids)
    },
    async underOldKey(version, limit) {
      return underOldKey<HouseholdRecord>(db, 'households', version, limit)
    },
    async deregisteredBefore(before, limit) {
      return readAll<HouseholdRecord>(db, `SELECT doc FROM households WHERE status = 'deregistered' AND json_extract(doc, '$.documentsPurgedAt') IS NULL AND json_extract(doc, '$.updatedAt') < ? ORDER BY json_extract(doc, '$.updatedAt'), id LIMIT ?`, before, Math.max(0, limit))
    },
    async list(query, page) {
      if (query.unitIds.length === 0) return { items: [], total: 0 }
      const { sql, params } = householdFilter(query)
      return readPage(db, `households WHERE ${sql}`, params, 'number, id', page)
    },
    async listPage({ under, status, after, limit }) {
      // The entries' primary key (with a status) or their index by number serves the range and the order.
      return readAll(db, HOUSEHOLD_SQL.page(!!status), under, ...(status ? [status] : []), after?.number ?? '', after?.id ?? '', Math.max(0, limit))
    },
    async countUnder(under, status) {
      const sql = `SELECT coalesce(sum(n), 0) FROM household_counts WHERE ancestor_id = ?${status ? ' AND status = ?' : ''}`
      return db.prepare(sql).pluck().get(under, ...(status ? [status] : [])) as number
    },
    async search(under, text, limit) {
      const wanted = text.trim()
      if (!wanted || limit <= 0) return []
      return readAll(db, `SELECT doc FROM households WHERE (number = ? OR head_name = ?) AND ${UNDER_UNIT} ORDER BY number, id LIMIT ?`, wanted, wanted, under, limit)
    },
    async scan({ unitIds, status }, after, limit) {
      if (unitIds.length === 0 || limit <= 0) return []
      const st = status ? [status] : []
      // The rest of the unit the last page ended in, then the units after it: each a range read in index order, no sort.
      const rest =
        after && unitIds.includes(after.unitId)
          ? readAll<HouseholdRecord>(db, HOUSEHOLD_SQL.scanUnit(!!status), after.unitId, ...st, after.id, limit)
          : []
      if (rest.length >= limit) return rest
      return [...rest, ...readAll<HouseholdRecord>(db, HOUSEHOLD_SQL.scanUnits(!!status), JSON.stringify(unitIds), after?.unitId ?? '', ...st, limit - rest.length)]
    },
  }
}

import type { HouseholdName, HouseholdRecord, HouseholdRepository } from '../../ports'
import type { Db } from './connection'
import { householdKeyVersion } from '../keys/key-versions'
import { HOUSEHOLD_NAMES_SQL } from './migration-ledger-reads'
import { guardedRows, readAll, readByIds, UNDER_UNIT, underOldKey } from './documents'

/** The statement that pages (and scans) a jurisdiction's households, with or without a status; its plans are checked in unit-scopes-plan.test.ts. */
export const HOUSEHOLD_SQL = {
  page: (status: boolean) =>
    `SELECT h.doc FROM household_entries e JOIN households h ON h.id = e.id WHERE e.ancestor_id = ?${status ? ' AND e.status = ?' : ''} AND (e.number, e.id) > (?, ?) ORDER BY e.number, e.id LIMIT ?`,
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
    async names(ids) {
      // Migration 54's index alone: no household row is read.
      return ids.length ? (db.prepare(HOUSEHOLD_NAMES_SQL).all(JSON.stringify(ids)) as HouseholdName[]) : []
    },
    async underOldKey(version, limit) {
      return underOldKey<HouseholdRecord>(db, 'households', version, limit)
    },
    async deregisteredBefore(before, limit) {
      return readAll<HouseholdRecord>(db, `SELECT doc FROM households WHERE status = 'deregistered' AND json_extract(doc, '$.documentsPurgedAt') IS NULL AND json_extract(doc, '$.updatedAt') < ? ORDER BY json_extract(doc, '$.updatedAt'), id LIMIT ?`, before, Math.max(0, limit))
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
  }
}

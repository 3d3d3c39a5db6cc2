import type { MeasureRecord, MeasureRepository } from '../../ports'
import type { Db } from './connection'
import { guardedRows, readAll, readByIds } from './documents'

/** The most measures `listByHousehold` returns. */
const MAX_MEASURES = 200

export function measureRepository(db: Db): MeasureRepository {
  return {
    ...guardedRows<MeasureRecord, number>(db, 'measures', { household_id: (r) => r.householdId, created_at: (r) => r.createdAt, version: (r) => r.version }),
    async getMany(ids) {
      return readByIds(db, 'measures', ids)
    },
    async listByHousehold(householdId) {
      return readAll(db, 'SELECT doc FROM measures WHERE household_id = ? ORDER BY created_at, id LIMIT ?', householdId, MAX_MEASURES)
    },
  }
}

import type { MeasureRecord, MeasureRepository } from '../../ports'
import type { Db } from './connection'

/** The most measures `listByHousehold` returns. */
const MAX_MEASURES = 200
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

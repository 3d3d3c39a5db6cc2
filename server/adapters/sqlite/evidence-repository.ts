import type { EvidenceRecord, EvidenceRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readAll, readByIds, readOne } from './documents'

export function evidenceRepository(db: Db): EvidenceRepository {
  return {
    async add(rec) {
      return changedOne(
        db,
        'INSERT INTO household_evidence (id, household_id, uploaded_at, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
        rec.id, rec.householdId, rec.uploadedAt, JSON.stringify(rec),
      )
    },
    async get(id) {
      return readOne<EvidenceRecord>(db, 'SELECT doc FROM household_evidence WHERE id = ?', id)
    },
    async getMany(ids) {
      return readByIds<EvidenceRecord>(db, 'household_evidence', ids)
    },
    async listByHousehold(householdId, limit) {
      return readAll<EvidenceRecord>(db, 'SELECT doc FROM household_evidence WHERE household_id = ? ORDER BY uploaded_at, id LIMIT ?', householdId, Math.max(0, limit))
    },
    async remove(id) {
      return changedOne(db, 'DELETE FROM household_evidence WHERE id = ?', id)
    },
  }
}

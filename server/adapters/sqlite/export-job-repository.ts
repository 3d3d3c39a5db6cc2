import type { ExportJobRecord, ExportJobRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readAll, readOne } from './documents'

const leaseUntil = (job: ExportJobRecord): string => job.lease?.until ?? ''

/** Export jobs, one row each; a write lands only at the version it was read at (migration 42). */
export function exportJobRepository(db: Db): ExportJobRepository {
  return {
    async get(id) {
      return readOne<ExportJobRecord>(db, 'SELECT doc FROM export_jobs WHERE id = ?', id)
    },
    async add(job) {
      return changedOne(
        db,
        'INSERT INTO export_jobs (id, state, lease_until, expires_at, version, doc) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
        job.id, job.state, leaseUntil(job), job.expiresAt, job.version, JSON.stringify(job),
      )
    },
    async update(job) {
      return changedOne(
        db,
        'UPDATE export_jobs SET state = ?, lease_until = ?, expires_at = ?, version = ?, doc = ? WHERE id = ? AND version = ?',
        job.state, leaseUntil(job), job.expiresAt, job.version, JSON.stringify(job), job.id, job.version - 1,
      )
    },
    async remove(id) {
      db.prepare('DELETE FROM export_jobs WHERE id = ?').run(id)
    },
    async due(now, limit) {
      return readAll<ExportJobRecord>(db, "SELECT doc FROM export_jobs WHERE state = 'running' AND lease_until < ? ORDER BY lease_until, id LIMIT ?", now, limit)
    },
    async expired(now, limit) {
      return readAll<ExportJobRecord>(db, 'SELECT doc FROM export_jobs WHERE expires_at < ? ORDER BY expires_at, id LIMIT ?', now, limit)
    },
  }
}

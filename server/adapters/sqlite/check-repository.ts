import { checkComplete, type CheckRecord } from '../../../src/domain/campaign'
import type { CheckCounts, CheckRepository } from '../../ports'
import type { Db } from './connection'
import { changedOne, readAll, readOne } from './documents'

/** What a record adds to the counts of its units (check_counts, migration 46). */
const countedAs = (rec: CheckRecord): string[] => [
  ...(checkComplete(rec) ? ['checked'] : []),
  ...(rec.outcome?.kind === 'keep' ? ['kept'] : rec.outcome?.kind === 'propose-deregistration' ? ['proposedDeregistration'] : []),
]

/**
 * Check records, and per campaign, unit above the record's household and figure a count kept in
 * the writing statement's transaction, so the dashboard's progress reads three rows per unit.
 */
export function checkRepository(db: Db): CheckRepository {
  const pathOf = db.prepare(`SELECT json_extract(doc, '$.path') FROM org_units WHERE id = ?`).pluck()
  const bump = db.prepare('INSERT INTO check_counts (campaign_id, ancestor_id, what, n) VALUES (?, ?, ?, ?) ON CONFLICT (campaign_id, ancestor_id, what) DO UPDATE SET n = n + excluded.n')
  const count = (rec: CheckRecord, sign: 1 | -1) => {
    const raw = pathOf.get(rec.unitId) as string | undefined
    for (const a of raw ? (JSON.parse(raw) as string[]) : [rec.unitId]) for (const what of countedAs(rec)) bump.run(rec.campaignId, a, what, sign)
  }
  return {
    async get(id) {
      return readOne(db, 'SELECT doc FROM checks WHERE id = ?', id)
    },
    async put(rec, expectedVersion) {
      const doc = JSON.stringify(rec)
      const before = expectedVersion === 0 ? null : readOne<CheckRecord>(db, 'SELECT doc FROM checks WHERE id = ?', rec.id)
      const written =
        expectedVersion === 0
          ? changedOne(db, 'INSERT INTO checks (id, campaign_id, version, doc) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING', rec.id, rec.campaignId, rec.version, doc)
          : changedOne(db, 'UPDATE checks SET campaign_id = ?, version = ?, doc = ? WHERE id = ? AND version = ?', rec.campaignId, rec.version, doc, rec.id, expectedVersion)
      if (written) {
        if (before) count(before, -1)
        count(rec, 1)
        return true
      }
      return false
    },
    async scan(campaignId, afterId, limit) {
      if (limit <= 0) return []
      return readAll(db, 'SELECT doc FROM checks WHERE campaign_id = ? AND id > ? ORDER BY id LIMIT ?', campaignId, afterId ?? '', limit)
    },
    async countUnder(campaignId, unitId) {
      const rows = db.prepare('SELECT what, n FROM check_counts WHERE campaign_id = ? AND ancestor_id = ?').all(campaignId, unitId) as { what: keyof CheckCounts; n: number }[]
      const out: CheckCounts = { checked: 0, kept: 0, proposedDeregistration: 0 }
      for (const r of rows) out[r.what] = r.n
      return out
    },
  }
}

/** Every campaign's counts from its records (migration 46's backfill; the table starts empty). */
export function buildCheckCounts(db: Db): void {
  const pathOf = db.prepare(`SELECT json_extract(doc, '$.path') FROM org_units WHERE id = ?`).pluck()
  const bump = db.prepare('INSERT INTO check_counts (campaign_id, ancestor_id, what, n) VALUES (?, ?, ?, 1) ON CONFLICT (campaign_id, ancestor_id, what) DO UPDATE SET n = n + 1')
  for (const { doc } of db.prepare('SELECT doc FROM checks').all() as { doc: string }[]) {
    const rec = JSON.parse(doc) as CheckRecord
    const raw = pathOf.get(rec.unitId) as string | undefined
    for (const a of raw ? (JSON.parse(raw) as string[]) : [rec.unitId]) for (const what of countedAs(rec)) bump.run(rec.campaignId, a, what)
  }
}

/**
 * The plans SQLite picks for a jurisdiction's pages, counts and scans (migration 17): each walks
 * an index in the order asked for, so none builds a temporary B-tree to sort, however deep the page.
 */
import { join } from 'node:path'
import { tempDir } from '../../../test/support/deps'
import { JURISDICTION_SQL, stageCountsParams } from './application-repository'
import { openDatabase, type Db } from './connection'
import { HOUSEHOLD_SQL } from './household-repository'
import { unitListPage } from './migration-unit-lists'
import { LIST_SORTED_BY_SQL, tallyParams } from './migration-list-tallies'

const QUERIES: Record<string, [string, unknown[]]> = {
  'queue page': [JURISDICTION_SQL.queuePage, ['prov', 'submitted', '2026-03-01', 'a', 20]],
  'stage counts': [JURISDICTION_SQL.stageCounts, [stageCountsParams('prov', '2026-03-05T06:00:00.000Z')]],
  'call tasks page (migration 45)': [unitListPage('calls'), ['prov', '2026-03-01', 'c', 20]],
  'notices page (migration 45)': [unitListPage('notices'), ['prov', '2026-03-05T06:00:00.000Z', '\uffff', 20]],
  'notices ended, from tallies (migration 47)': [LIST_SORTED_BY_SQL, [tallyParams('notices', 'prov', '2026-03-05T06:00:00.000Z')]],
  'staff page (migration 45)': [unitListPage('staff'), ['prov', 'o-1', 'o-1', 20]],
  'invitations page, newest first (migration 45)': [unitListPage('invitations'), ['prov', '2026-03-01', 'i', 20]],
  'household page by status': [HOUSEHOLD_SQL.page(true), ['prov', 'filed', 'MLS', 'h', 20]],
  'household page': [HOUSEHOLD_SQL.page(false), ['prov', 'MLS', 'h', 20]],
}

describe('migration 17: jurisdictions read in index order', () => {
  let db: Db
  let cleanup: () => void
  beforeAll(() => {
    const dir = tempDir()
    cleanup = dir.cleanup
    db = openDatabase(join(dir.dir, 'plan.db'))
  })
  afterAll(() => (db.close(), cleanup()))

  it.each(Object.entries(QUERIES))('%s: no sort of its own', (_name, [sql, params]) => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ')
    expect(plan).not.toContain('TEMP B-TREE')
    expect(plan).toMatch(/USING (PRIMARY KEY|INDEX|COVERING INDEX)/)
  })
})

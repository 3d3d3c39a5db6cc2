/**
 * The plans SQLite picks for a jurisdiction's pages, counts and scans (migration 17): each walks
 * an index in the order asked for, so none builds a temporary B-tree to sort, however deep the page.
 * And those of the timers' and the retention schedule's reads (migration 55): each reads its
 * partial index, not the table nor an index every submit writes.
 */
import { join } from 'node:path'
import { tempDir } from '../../../test/support/deps'
import { APPLICATION_SCANS, JURISDICTION_SQL, stageCountsParams } from './application-repository'
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

let db: Db
let cleanup: () => void
beforeAll(() => {
  const dir = tempDir()
  cleanup = dir.cleanup
  db = openDatabase(join(dir.dir, 'plan.db'))
})
afterAll(() => (db.close(), cleanup()))
const planOf = (sql: string, params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ')

describe('migration 17: jurisdictions read in index order', () => {
  it.each(Object.entries(QUERIES))('%s: no sort of its own', (_name, [sql, params]) => {
    const plan = planOf(sql, params)
    expect(plan).not.toContain('TEMP B-TREE')
    expect(plan).toMatch(/USING (PRIMARY KEY|INDEX|COVERING INDEX)/)
  })
})

const NOW = '2026-03-05T06:00:00.000Z'
/** The timers' and the retention schedule's reads after migration 55, and the partial index each reads (a submitted case is in none). */
const SCANS: [keyof typeof APPLICATION_SCANS, string, unknown[]][] = [
  ['returnedOverdue', 'applications_returned', [NOW, 100]],
  ['noticesEnded', 'applications_notices_ending', [NOW, 100]],
  ['assistedDrafts', 'applications_by_typist', ['o-cw', 20]],
  ['staleDrafts', 'applications_by_status_updated', [NOW, 100, 0]],
  ['closedBefore', 'applications_by_status_updated', [NOW, 50]],
  ['callNotesBefore', 'applications_by_status_updated', [NOW, 50]],
]

describe('migration 55: the timers and the schedule read their partial indexes', () => {
  it.each(SCANS)('%s reads %s', (name, index, params) => {
    expect(planOf(APPLICATION_SCANS[name], params)).toMatch(new RegExp(`^SEARCH applications USING INDEX ${index} \\(`))
  })

  it("a created or moved unit finds its notices through the queue's index by status and unit", () => {
    const triggers = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('org_units_created_notices', 'org_units_moved_notices')").pluck().all() as string[]
    expect(triggers).toHaveLength(2)
    const body = triggers[0].slice(triggers[0].indexOf('BEGIN') + 5, triggers[0].lastIndexOf('END')).replaceAll('NEW.id', "'town'").replaceAll('NEW.doc', `'{"path":["prov","town"]}'`)
    for (const statement of body.split(';').map((s) => s.trim()).filter(Boolean)) {
      expect(planOf(statement, [])).toMatch(/USING (COVERING )?INDEX applications_queue \(status=\? AND unit_id=\?\)/)
    }
  })
})

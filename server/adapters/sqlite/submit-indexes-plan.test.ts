/**
 * The plans SQLite picks for the timers' and the retention schedule's reads after migration 55:
 * each reads its partial index (a submitted case is in none of them), not the table nor an index
 * every submit writes; and a unit created or moved finds its notices by status and unit.
 */
import { join } from 'node:path'
import { tempDir } from '../../../test/support/deps'
import { APPLICATION_SCANS } from './application-repository'
import { openDatabase, type Db } from './connection'

const NOW = '2026-03-05T06:00:00.000Z'
const QUERIES: Record<keyof typeof APPLICATION_SCANS, [string, unknown[]]> = {
  returnedOverdue: ['applications_returned', [NOW, 100]],
  noticesEnded: ['applications_notices_ending', [NOW, 100]],
  assistedDrafts: ['applications_by_typist', ['o-cw', 20]],
  staleDrafts: ['applications_by_status_updated', [NOW, 100, 0]],
  closedBefore: ['applications_by_status_updated', [NOW, 50]],
  callNotesBefore: ['applications_by_status_updated', [NOW, 50]],
}

describe('migration 55: the timers and the schedule read their partial indexes', () => {
  let db: Db
  let cleanup: () => void
  beforeAll(() => {
    const dir = tempDir()
    cleanup = dir.cleanup
    db = openDatabase(join(dir.dir, 'plan.db'))
  })
  afterAll(() => (db.close(), cleanup()))
  const plan = (sql: string, params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ')

  it.each(Object.entries(QUERIES).map(([name, [index, params]]) => [name, index, params] as const))('%s reads %s', (name, index, params) => {
    expect(plan(APPLICATION_SCANS[name as keyof typeof APPLICATION_SCANS], params)).toMatch(new RegExp(`^SEARCH applications USING INDEX ${index} \\(`))
  })

  it('a created or moved unit finds its notices through the queue\'s index by status and unit', () => {
    const triggers = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('org_units_created_notices', 'org_units_moved_notices')").pluck().all() as string[]
    expect(triggers).toHaveLength(2)
    const body = triggers[0].slice(triggers[0].indexOf('BEGIN') + 5, triggers[0].lastIndexOf('END')).replaceAll('NEW.id', "'town'").replaceAll('NEW.doc', `'{"path":["prov","town"]}'`)
    for (const statement of body.split(';').map((s) => s.trim()).filter(Boolean)) {
      expect(plan(statement, [])).toMatch(/USING (COVERING )?INDEX applications_queue \(status=\? AND unit_id=\?\)/)
    }
  })
})

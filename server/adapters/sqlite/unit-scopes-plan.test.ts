/**
 * The plans SQLite picks for a jurisdiction's pages, counts and scans (migration 17): each walks
 * an index in the order asked for, so none builds a temporary B-tree to sort, however deep the page.
 */
import { join } from 'node:path'
import { tempDir } from '../../../test/support/deps'
import { openDatabase, type Db } from './connection'

const QUERIES: Record<string, [string, unknown[]]> = {
  'queue page': [
    'SELECT a.doc FROM queue_entries e JOIN applications a ON a.id = e.id WHERE e.ancestor_id = ? AND e.status = ? AND (e.due_sort, e.id) > (?, ?) ORDER BY e.due_sort, e.id LIMIT ?',
    ['prov', 'submitted', '2026-03-01', 'a', 20],
  ],
  'stage counts': ['SELECT status, sum(n) AS total, coalesce(sum(CASE WHEN due_day < ? THEN n END), 0) AS overdue FROM queue_counts WHERE ancestor_id = ? GROUP BY status', ['2026-03-05', 'prov']],
  'household page by status': [
    'SELECT h.doc FROM household_entries e JOIN households h ON h.id = e.id WHERE e.ancestor_id = ? AND e.status = ? AND (e.number, e.id) > (?, ?) ORDER BY e.number, e.id LIMIT ?',
    ['prov', 'filed', 'MLS', 'h', 20],
  ],
  'household page': [
    'SELECT h.doc FROM household_entries e JOIN households h ON h.id = e.id WHERE e.ancestor_id = ? AND (e.number, e.id) > (?, ?) ORDER BY e.number, e.id LIMIT ?',
    ['prov', 'MLS', 'h', 20],
  ],
  'household scan, rest of a unit': ['SELECT doc FROM households WHERE unit_id = ? AND status = ? AND id > ? ORDER BY id LIMIT ?', ['u1', 'filed', 'h', 500]],
  'household scan, next units': [
    'SELECT doc FROM households WHERE unit_id IN (SELECT value FROM json_each(?) WHERE value > ?) ORDER BY unit_id, id LIMIT ?',
    ['["u1","u2"]', 'u1', 500],
  ],
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

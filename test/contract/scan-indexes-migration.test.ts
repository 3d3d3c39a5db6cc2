/**
 * Budgets and households written before the scans went by unit path, in an old SQLite file:
 * migration 51 drops the budgets' index by unit and year (they are read by id now) and migration
 * 57 the households' indexes by unit list; the records read as before, a page of a unit's children
 * finds their budgets, the scans find every household under any unit by file number, and a moved
 * unit's households are filed under its new place. CloudBase needs no data migration: budgets are
 * read by _id and households already keep their unit's path (data migration 012).
 */
import { join } from 'node:path'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import type { OrgUnitRecord } from '../../server/ports'
import type { Budget } from '../../src/domain/budget'
import { tempDir } from '../support/deps'
import { householdRecord } from '../support/household-records'
import { oldDatabase } from '../support/old-sqlite'

const UNITS: OrgUnitRecord[] = [
  { id: 'prov', name: '省', parentId: null, path: ['prov'] },
  { id: 'city', name: '市', parentId: 'prov', path: ['prov', 'city'] },
  { id: 'town', name: '镇', parentId: 'city', path: ['prov', 'city', 'town'] },
  { id: 'other', name: '另一市', parentId: 'prov', path: ['prov', 'other'] },
]

const budget = (unitId: string, fundSource: Budget['fundSource']): Budget => ({
  id: `${unitId}:2026:${fundSource}`, unitId, year: 2026, fundSource, amountFen: 50_000, committedFen: 1_000, version: 3, setBy: 'o-admin', setAt: '2026-01-05T00:00:00.000Z',
})

const HOUSEHOLDS = [
  householdRecord('h1', { unitId: 'town', number: 'MLS-H-2026-000003' }),
  householdRecord('h2', { unitId: 'city', number: 'MLS-H-2026-000001', status: 'deregistered' }),
  householdRecord('h3', { unitId: 'other', number: 'MLS-H-2026-000002' }),
  householdRecord('h4', { unitId: 'town', number: 'MLS-H-2026-000004' }),
]

const indexes = (db: ReturnType<typeof openDatabase>, table: string) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name NOT LIKE 'sqlite_autoindex%' ORDER BY name").pluck().all(table) as string[])

async function migrated(version: number, write: (old: ReturnType<typeof oldDatabase>) => void, check: (db: ReturnType<typeof openDatabase>) => Promise<void>): Promise<void> {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = oldDatabase(file, version, UNITS)
  write(old)
  old.close()
  const db = openDatabase(file)
  try {
    await check(db)
  } finally {
    db.close()
    cleanup()
  }
}

test('SQLite: migration 51 drops the budgets\' index by unit and year; old budgets read by id and are written at their version', async () => {
  const old = [budget('city', 'union'), budget('town', 'county'), budget('other', 'union')]
  await migrated(
    51,
    (db) => {
      expect(indexes(db as never, 'budgets')).toContain('budgets_by_unit')
      const add = db.prepare('INSERT INTO budgets (id, unit_id, year, version, doc) VALUES (?, ?, ?, ?, ?)')
      for (const b of old) add.run(b.id, b.unitId, b.year, b.version, JSON.stringify(b))
    },
    async (db) => {
      expect(indexes(db, 'budgets')).not.toContain('budgets_by_unit')
      const repos = bindRepositories(db)
      expect((await repos.budgets.getMany(['town:2026:county', 'city:2026:union', 'town:2026:union'])).sort((a, b) => a.id.localeCompare(b.id))).toEqual([old[0], old[1]])
      expect((await repos.units.childPage('prov', null, 10)).map((u) => u.id)).toEqual(['city', 'other'])
      expect((await repos.units.childPage('prov', 'city', 10)).map((u) => u.id)).toEqual(['other'])
      expect(await repos.budgets.put({ ...old[1], committedFen: 2_000, version: 4 }, 3)).toBe(true)
      expect(await repos.budgets.put({ ...old[1], version: 4 }, 3)).toBe(false)
    },
  )
})

test('SQLite: migration 57 drops the households\' indexes by unit list; old households are scanned by unit path and follow a moved unit', async () => {
  await migrated(
    57,
    (db) => {
      expect(indexes(db as never, 'households')).toEqual(expect.arrayContaining(['households_list', 'households_scan', 'households_scan_by_status']))
      const add = db.prepare('INSERT INTO households (id, unit_id, status, version, number, head_name, key_version, doc) VALUES (?, ?, ?, ?, ?, ?, 0, ?)')
      for (const h of HOUSEHOLDS) add.run(h.id, h.unitId, h.status, h.version, h.number, h.headName, JSON.stringify(h))
    },
    async (db) => {
      const left = indexes(db, 'households')
      expect(left).toContain('households_scan')
      for (const gone of ['households_list', 'households_scan_by_status']) expect(left).not.toContain(gone)
      const repos = bindRepositories(db)
      const under = async (unit: string, status?: 'filed') => (await repos.households.listPage({ under: unit, ...(status ? { status } : {}), after: null, limit: 10 })).map((h) => h.id)
      expect(await under('prov')).toEqual(['h2', 'h3', 'h1', 'h4'])
      expect(await under('prov', 'filed')).toEqual(['h3', 'h1', 'h4'])
      expect(await under('city')).toEqual(['h2', 'h1', 'h4'])
      expect((await repos.households.listPage({ under: 'prov', after: { number: 'MLS-H-2026-000002', id: 'h3' }, limit: 1 })).map((h) => h.id)).toEqual(['h1'])
      for (const h of HOUSEHOLDS) expect(await repos.households.get(h.id)).toEqual(h)
      // The town moves under the other city: its households are filed there (found by unit and id).
      await repos.units.put({ id: 'town', name: '镇', parentId: 'other', path: ['prov', 'other', 'town'] })
      expect(await under('city')).toEqual(['h2'])
      expect(await under('other')).toEqual(['h3', 'h1', 'h4'])
      expect(await repos.households.countUnder('other')).toBe(3)
    },
  )
})

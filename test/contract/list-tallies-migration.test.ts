/**
 * SQLite's migration 47 tallies an old database's 公示 entries by prefix of the notices' end, so
 * the running notices under a unit are counted from tallies at once, exactly as the entries say.
 * (CloudBase needs no migration: its count reads the index on (unitPath, status, noticeEndsAt).)
 */
import { join } from 'node:path'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import type { ApplicationRecord, OrgUnitRecord } from '../../server/ports'
import { tempDir } from '../support/deps'
import { oldDatabase } from '../support/old-sqlite'
import { applicationRecord } from '../support/fixtures'

const UNITS: OrgUnitRecord[] = [
  { id: 'prov', name: '省', parentId: null, path: ['prov'] },
  { id: 'city', name: '市', parentId: 'prov', path: ['prov', 'city'] },
  { id: 'town', name: '镇', parentId: 'city', path: ['prov', 'city', 'town'] },
  { id: 'other', name: '区', parentId: 'prov', path: ['prov', 'other'] },
]
const ENDS = ['2025-12-31T23:59:59.999Z', '2026-03-04T00:00:00.000Z', '2026-03-05T06:00:00.000Z', '2026-03-05T06:30:00.000Z', '2026-03-10T00:00:00.000Z', '2027-01-01T00:00:00.000Z']
const APPS: ApplicationRecord[] = [
  ...ENDS.map((noticeEndsAt, i) => applicationRecord(`n${i}`, { unitId: i % 2 ? 'town' : 'other', status: 'publicizing', noticeEndsAt })),
  applicationRecord('x1', { unitId: 'town', status: 'publicizing', noticeEndsAt: null }),
  applicationRecord('x2', { unitId: 'town', status: 'verifying' }),
]

test('SQLite: migration 47 tallies the 公示 entries of an old database; its counts match the entries at every instant', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = oldDatabase(file, 47, UNITS)
  // The records as the release before wrote them (migration 45's triggers file the 公示 entries).
  const addApp = old.prepare('INSERT INTO applications (id, number, applicant_openid, unit_id, status, version, created_at, updated_at, name, due_sort, notice_ends_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  for (const a of APPS) addApp.run(a.id, a.number, a.applicantOpenid, a.unitId, a.status, a.version, a.createdAt, a.updatedAt, a.name, a.dueAt ?? '9999-12-31T23:59:59.999Z', a.noticeEndsAt ?? null, JSON.stringify(a))
  expect(old.prepare(`SELECT count(*) FROM list_entries WHERE list = 'notices' AND ancestor_id = 'prov'`).pluck().get()).toBe(ENDS.length)
  old.close()

  const db = openDatabase(file)
  try {
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBeGreaterThanOrEqual(47)
    expect(db.prepare(`SELECT count(*) FROM list_tallies WHERE list = 'notices' AND ancestor_id = 'prov'`).pluck().get()).toBeGreaterThan(0)
    const repos = bindRepositories(db)
    const instants = ['2025-01-01T00:00:00.000Z', '2026-03-04T00:00:00.000Z', '2026-03-05T05:59:59.999Z', '2026-03-05T06:00:00.000Z', '2026-03-05T06:29:00.000Z', '2026-03-06T00:00:00.000Z', '2027-06-01T00:00:00.000Z']
    for (const now of instants) {
      const running = (units: string[]) => APPS.filter((a) => units.includes(a.unitId) && a.noticeEndsAt && a.noticeEndsAt > now).length
      expect(await repos.applications.countNoticesUnder('prov', now)).toBe(running(['town', 'other']))
      expect(await repos.applications.countNoticesUnder('city', now)).toBe(running(['town']))
      expect(await repos.applications.countNoticesUnder('other', now)).toBe(running(['other']))
    }
    // New notices after the migration are tallied too.
    await repos.applications.insert(applicationRecord('n9', { unitId: 'town', status: 'publicizing', noticeEndsAt: '2026-03-05T06:45:00.000Z' }))
    expect(await repos.applications.countNoticesUnder('city', '2026-03-05T06:29:00.000Z')).toBe(3)
  } finally {
    db.close()
    cleanup()
  }
})

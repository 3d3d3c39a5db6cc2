/**
 * Records written before issue 14 are found under their jurisdiction on both stores: SQLite's
 * migration 17 files an old database's open cases and households under every unit above them
 * (with their counters); CloudBase's 008-unit-paths gives each its unit's path, resuming where a
 * run stopped, and writes nothing more when run again.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { unitPaths } from '../../server/adapters/cloudbase/migrations/008-unit-paths'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import { MIGRATIONS } from '../../server/adapters/sqlite/migrations'
import type { ApplicationRecord, HouseholdRecord, OrgUnitRecord, Repositories } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'
import { applicationRecord } from '../support/fixtures'
import { householdRecord } from '../support/household-records'

const UNITS: OrgUnitRecord[] = [
  { id: 'prov', name: '省', parentId: null, path: ['prov'] },
  { id: 'city', name: '市', parentId: 'prov', path: ['prov', 'city'] },
  { id: 'town', name: '镇', parentId: 'city', path: ['prov', 'city', 'town'] },
]
const APPS: ApplicationRecord[] = [
  applicationRecord('a1', { unitId: 'town', dueAt: '2026-03-01T00:00:00.000Z' }),
  applicationRecord('a2', { unitId: 'city', dueAt: null }),
  applicationRecord('a3', { unitId: 'town', status: 'filed' }),
]
const HOUSEHOLDS: HouseholdRecord[] = [householdRecord('h1', { unitId: 'town' }), householdRecord('h2', { unitId: 'city', status: 'deregistered' })]

async function expectFound(repos: Repositories) {
  const page = await repos.applications.queuePage({ under: 'prov', status: 'submitted', after: null, limit: 10 })
  expect(page.map((a) => a.id)).toEqual(['a1', 'a2'])
  expect((await repos.applications.queuePage({ under: 'town', status: 'submitted', after: null, limit: 10 })).map((a) => a.id)).toEqual(['a1'])
  expect((await repos.applications.stageCountsUnder('city', '2026-03-05T00:00:00.000Z'))['submitted']).toEqual({ total: 2, overdue: 1 })
  expect((await repos.households.listPage({ under: 'prov', after: null, limit: 10 })).map((h) => h.id)).toEqual(['h1', 'h2'])
  expect(await repos.households.countUnder('city', 'filed')).toBe(1)
  expect(await repos.households.countUnder('town')).toBe(1)
  expect(await repos.applications.get('a1')).toEqual(APPS[0])
}

test('SQLite: migration 17 files old open cases and households under every unit above them', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = new Database(file)
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  for (const m of MIGRATIONS.filter((m) => m.version < 17)) {
    old.exec(m.sql)
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-03-02T02:00:00.000Z')
  }
  // The records as the release before wrote them (its columns on the schema of version 15).
  for (const u of UNITS) old.prepare('INSERT INTO org_units (id, parent_id, path_key, doc) VALUES (?, ?, ?, ?)').run(u.id, u.parentId, `/${u.path.join('/')}/`, JSON.stringify(u))
  const addApp = old.prepare('INSERT INTO applications (id, number, applicant_openid, unit_id, status, version, created_at, updated_at, name, due_sort, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
  for (const a of APPS) addApp.run(a.id, a.number, a.applicantOpenid, a.unitId, a.status, a.version, a.createdAt, a.updatedAt, a.name, a.dueAt ?? '9999-12-31T23:59:59.999Z', JSON.stringify(a))
  const addHousehold = old.prepare('INSERT INTO households (id, unit_id, status, version, number, head_name, doc) VALUES (?, ?, ?, ?, ?, ?, ?)')
  for (const h of HOUSEHOLDS) addHousehold.run(h.id, h.unitId, h.status, h.version, h.number, h.headName, JSON.stringify(h))
  old.close()

  const db = openDatabase(file)
  try {
    await expectFound(bindRepositories(db))
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: migration 008-unit-paths', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('gives old applications and households their unit path, resumes, and changes nothing the second time', async () => {
    const db = getDb()
    for (const { id, ...u } of UNITS) await db.collection('org_units').add({ _id: id, ...u })
    // As the release before stored them: no unitPath.
    for (const { id, ...a } of APPS) await db.collection('applications').add({ _id: id, ...a, dueSort: a.dueAt ?? '9999-12-31T23:59:59.999Z', keyVersion: 0 })
    for (const { id, ...h } of HOUSEHOLDS) await db.collection('households').add({ _id: id, ...h, keyVersion: 0 })
    const saved: unknown[] = []
    // A run cut short after 'city' goes on from there: 'prov' (nothing) and 'town' (a1, a3, h1).
    expect(await unitPaths.run({ db, progress: { afterUnit: 'city' }, saveProgress: async (p) => void saved.push(p) })).toEqual({ changed: 3 })
    // From the start: only 'city' (a2, h2) is left to write.
    expect(await unitPaths.run({ db })).toEqual({ changed: 2 })
    expect(await unitPaths.run({ db })).toEqual({ changed: 0 })
    expect(saved).toEqual([{ afterUnit: 'town' }])
    resetSdk()
    const store = createCloudbaseStore()
    await expectFound(store.repos)
    await store.close()
  })
})

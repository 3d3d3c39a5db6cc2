/**
 * Deregistration ends a household's running measures; the measures of households deregistered
 * before that rule end too, on both stores: SQLite's migration 19 when an old database is opened,
 * CloudBase's 009-ended-measures the deploy's runner calls. Measures of households on file, and
 * measures already done, stay as they were.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { endedMeasures } from '../../server/adapters/cloudbase/migrations/009-ended-measures'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import { MIGRATIONS } from '../../server/adapters/sqlite/migrations'
import type { MeasureRecord, Repositories } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'
import { householdRecord, measureRecord } from '../support/household-records'

const HOUSEHOLDS = [householdRecord('h-gone', { status: 'deregistered' }), householdRecord('h-kept')]
const MEASURES: MeasureRecord[] = [
  measureRecord('m1', { householdId: 'h-gone', status: 'planned' }),
  measureRecord('m2', { householdId: 'h-gone', status: 'in-progress' }),
  measureRecord('m3', { householdId: 'h-gone', status: 'done', outcome: '已报销', version: 2 }),
  measureRecord('m4', { householdId: 'h-kept', status: 'in-progress' }),
]

async function statuses(repos: Repositories): Promise<[string, string, number][]> {
  const all = [...(await repos.measures.listByHousehold('h-gone')), ...(await repos.measures.listByHousehold('h-kept'))]
  return all.sort((a, b) => a.id.localeCompare(b.id)).map((m) => [m.id, m.status, m.version])
}
const AFTER: [string, string, number][] = [['m1', 'ended', 2], ['m2', 'ended', 2], ['m3', 'done', 2], ['m4', 'in-progress', 1]]

test('SQLite: migration 19 ends the running measures of households deregistered before it', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = new Database(file)
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  for (const m of MIGRATIONS.filter((m) => m.version < 19)) {
    old.exec(m.sql)
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-03-02T02:00:00.000Z')
  }
  old.close()
  // The records as the code before the migration wrote them.
  const raw = new Database(file)
  for (const h of HOUSEHOLDS) raw.prepare('INSERT INTO households (id, unit_id, status, version, doc, number, head_name) VALUES (?, ?, ?, ?, ?, ?, ?)').run(h.id, h.unitId, h.status, h.version, JSON.stringify(h), h.number, h.headName)
  for (const m of MEASURES) raw.prepare('INSERT INTO measures (id, household_id, created_at, version, doc) VALUES (?, ?, ?, ?, ?)').run(m.id, m.householdId, m.createdAt, m.version, JSON.stringify(m))
  raw.close()

  const db = openDatabase(file)
  try {
    expect(await statuses(bindRepositories(db))).toEqual(AFTER)
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: migration 009-ended-measures', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('ends the running measures of deregistered households, once; the store reads them ended', async () => {
    resetSdk()
    const store = createCloudbaseStore()
    for (const h of HOUSEHOLDS) await store.repos.households.insert(h)
    for (const m of MEASURES) await store.repos.measures.insert(m)
    const db = getDb()
    expect(await endedMeasures.run({ db })).toEqual({ changed: 2 })
    expect(await endedMeasures.run({ db })).toEqual({ changed: 0 })
    expect(await statuses(store.repos)).toEqual(AFTER)
    await store.close()
  })
})

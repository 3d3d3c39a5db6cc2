/**
 * Households written before the ledger export named them by number and head's name alone are found
 * so on both stores: SQLite's migration 54 indexes an old database's households (and their later
 * updates) by id with the two columns every release since migration 7 wrote; on CloudBase the same
 * fields of the stored documents are read by `_id` (no data migration). The records stay as they were.
 */
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import { HOUSEHOLD_NAMES_SQL } from '../../server/adapters/sqlite/migration-household-names'
import { householdRepository } from '../../server/adapters/sqlite/household-repository'
import type { OrgUnitRecord, Repositories } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'
import { householdRecord } from '../support/household-records'
import { oldDatabase } from '../support/old-sqlite'

const UNITS: OrgUnitRecord[] = [{ id: 'u1', name: '市', parentId: null, path: ['u1'] }]
const HOUSEHOLDS = [householdRecord('h1', { unitId: 'u1', number: 'MLS-H-2025-000001', headName: '张大明' }), householdRecord('h2', { unitId: 'u1', number: 'MLS-H-2025-000002', headName: '李四' })]

const sorted = async (repos: Repositories, ids: string[]) => [...(await repos.households.names(ids))].sort((a, b) => (a.id < b.id ? -1 : 1))

async function expectNamed(repos: Repositories) {
  expect(await sorted(repos, ['h2', 'h1', 'gone'])).toEqual([
    { id: 'h1', number: 'MLS-H-2025-000001', headName: '张大明' },
    { id: 'h2', number: 'MLS-H-2025-000002', headName: '李四' },
  ])
  for (const h of HOUSEHOLDS) expect(await repos.households.get(h.id)).toEqual(h)
  // A head's name changed now is what the next read names.
  expect(await repos.households.update({ ...HOUSEHOLDS[1], headName: '李四明', version: HOUSEHOLDS[1].version + 1 }, HOUSEHOLDS[1].version)).toBe(true)
  expect(await sorted(repos, ['h2'])).toEqual([{ id: 'h2', number: 'MLS-H-2025-000002', headName: '李四明' }])
}

test('SQLite: migration 54 indexes the households of an old database by id with their number and name, and reads them from the index alone', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = oldDatabase(file, 54, UNITS)
  // Written by the household repository as the release before wrote them (its insert does not change with 54).
  for (const h of HOUSEHOLDS) await householdRepository(old as never).insert(h)
  old.close()

  const db = openDatabase(file)
  try {
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBeGreaterThanOrEqual(54)
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${HOUSEHOLD_NAMES_SQL}`).all('[]') as { detail: string }[]).map((r) => r.detail).join('\n')
    expect(plan).toContain('USING COVERING INDEX households_names')
    await expectNamed(bindRepositories(db))
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: no data migration (the fields are read by _id from the documents as stored)', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('households as the release before stored them are named by number and head’s name', async () => {
    const db = getDb()
    for (const { id, ...u } of UNITS) await db.collection('org_units').add({ _id: id, ...u })
    for (const { id, ...h } of HOUSEHOLDS) await db.collection('households').add({ _id: id, ...h, unitPath: ['u1'], keyVersion: 1 })
    resetSdk()
    const store = createCloudbaseStore()
    await expectNamed(store.repos)
    await store.close()
  })
})

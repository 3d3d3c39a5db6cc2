/**
 * Records written before key versions get theirs on both stores (SQLite's migration 13 when an
 * old database is opened; CloudBase's 006-key-versions from the deploy's runner), so a rotation
 * finds them: everything sealed so far is under key 1, bare hashes included; a record with nothing
 * sealed is 0 and never rotated.
 */
import Database from 'better-sqlite3'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { keyVersions } from '../../server/adapters/cloudbase/migrations/006-key-versions'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { createCipher } from '../../server/adapters/node-cipher'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import { MIGRATIONS } from '../../server/adapters/sqlite/migrations'
import type { ApplicationRecord, HouseholdRecord, Repositories } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'
import { householdRecord } from '../support/household-records'

const v1 = createCipher(randomBytes(32))
/** A hash as the release before key versions wrote it: 64 hex digits, no version. */
const bareHash = (s: string) => v1.keyedHash(s).slice(0, 64)
const AT = '2026-03-02T02:00:00.000Z'
const app = (id: string, sealed: boolean): ApplicationRecord => ({
  id, number: `MLS-2026-00000${id.slice(-1)}`, applicantOpenid: `o-${id}`, unitId: 'unit-root', status: sealed ? 'submitted' : 'draft', version: 1, name: sealed ? '张小明' : '',
  idNumberEnc: sealed ? v1.encrypt('532504199001011238') : '', idNumberHash: sealed ? bareHash('532504199001011238') : '', phoneEnc: sealed ? v1.encrypt('13812345678') : '',
  employer: '', mainCause: 'other', timeline: [], createdAt: AT, updatedAt: AT,
})
const OLD_APPS = [app('a1', true), app('a2', false)]
const OLD_HOUSEHOLD: HouseholdRecord = householdRecord('h1', { unitId: 'unit-root', idNumberEnc: v1.encrypt('532504196208080050'), idNumberHash: bareHash('532504196208080050') })

async function expectFound(repos: Repositories) {
  const apps = await repos.applications.underOldKey(2, 10)
  expect([apps.items.map((r) => r.id), apps.remaining]).toEqual([['a1'], 1])
  const households = await repos.households.underOldKey(2, 10)
  expect([households.items.map((r) => r.id), households.remaining]).toEqual([['h1'], 1])
  expect((await repos.applications.underOldKey(1, 10)).remaining).toBe(0)
  expect((await repos.households.get('h1')) as unknown).not.toHaveProperty('keyVersion')
}

test('SQLite: migration 13 gives old applications and households their key version', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = new Database(file)
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  for (const m of MIGRATIONS.filter((m) => m.version <= 10)) {
    old.exec(m.sql)
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, AT)
  }
  /** A row with its doc and whatever its other required columns hold (the queries under test read key_version alone). */
  const insert = (table: string, rec: { id: string }) => {
    const cols = (old.prepare(`PRAGMA table_info(${table})`).all() as { name: string; notnull: number }[]).filter((c) => c.notnull && c.name !== 'id' && c.name !== 'doc')
    old.prepare(`INSERT INTO ${table} (id, doc${cols.map((c) => `, ${c.name}`).join('')}) VALUES (?, ?${cols.map(() => ', ?').join('')})`).run(rec.id, JSON.stringify(rec), ...cols.map((c) => `${rec.id}-${c.name}`))
  }
  for (const a of OLD_APPS) insert('applications', a)
  insert('households', OLD_HOUSEHOLD)
  old.close()

  const db = openDatabase(file)
  try {
    await expectFound(bindRepositories(db))
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: migration 006-key-versions', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('gives old applications and households their key version, once', async () => {
    const db = getDb()
    for (const { id, ...fields } of OLD_APPS) await db.collection('applications').add({ _id: id, ...fields, dueSort: '9999-12-31T23:59:59.999Z' })
    const { id: _h, ...household } = OLD_HOUSEHOLD
    await db.collection('households').add({ _id: 'h1', ...household })
    expect(await keyVersions.run({ db })).toEqual({ changed: 5 })
    expect(await keyVersions.run({ db })).toEqual({ changed: 0 })
    resetSdk()
    const store = createCloudbaseStore()
    await expectFound(store.repos)
    // The retention query finds an old closed application, which lacked the field before.
    await db.collection('applications').doc('a1').update({ status: 'rejected' })
    expect((await store.repos.applications.closedBefore('2027-01-01T00:00:00.000Z', 10)).map((r) => r.id)).toEqual(['a1'])
    await store.close()
  })
})

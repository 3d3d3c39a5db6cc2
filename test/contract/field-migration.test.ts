/**
 * Take-over codes share the invitations: invitations made before them stay the admin's staff
 * invitations on both stores (SQLite's migration 12 when an old database is opened; CloudBase's
 * 005-invitation-kinds the deploy's runner calls), and the 电话联系 table starts empty. Issue 14: the
 * admin lists them under their unit (SQLite's migration 45; CloudBase's 017-unit-lists).
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { invitationKinds } from '../../server/adapters/cloudbase/migrations/005-invitation-kinds'
import { unitLists } from '../../server/adapters/cloudbase/migrations/017-unit-lists'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import { MIGRATIONS } from '../../server/adapters/sqlite/migrations'
import type { InvitationRecord } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'

const invitation = (id: string, createdAt: string): InvitationRecord => ({
  id, unitId: 'unit-a', roles: ['caseworker'], displayName: '李娟', createdBy: 'o-admin', createdAt,
  expiresAt: '2026-03-09T02:00:00.000Z', status: 'open', usedBy: null, usedAt: null,
})
const OLD = [invitation('i1', '2026-03-02T02:00:00.000Z'), invitation('i2', '2026-03-03T02:00:00.000Z')]

test('SQLite: migration 12 keeps old invitations as staff ones, apart from take-over codes', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = new Database(file)
  old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  for (const m of MIGRATIONS.filter((m) => m.version <= 10)) {
    old.exec(m.sql)
    old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-03-02T02:00:00.000Z')
  }
  for (const i of OLD) old.prepare('INSERT INTO invitations (id, unit_id, status, created_at, doc) VALUES (?, ?, ?, ?, ?)').run(i.id, i.unitId, i.status, i.createdAt, JSON.stringify(i))
  old.close()

  const db = openDatabase(file)
  try {
    const repos = bindRepositories(db)
    // Lists under a unit (migration 45) hold the records of units in the tree: the unit, added now, files them.
    await repos.units.put({ id: 'unit-a', name: '弥阳', parentId: null, path: ['unit-a'] })
    await repos.invitations.insert({ ...invitation('t1', '2026-03-04T02:00:00.000Z'), roles: [], kind: 'takeover', applicationId: 'app-1' })
    expect((await repos.invitations.listUnder('unit-a', null, 10)).map((i) => i.id)).toEqual(['i2', 'i1'])
    expect(await repos.invitations.get('t1')).toMatchObject({ kind: 'takeover', applicationId: 'app-1' })
    expect(await repos.callTasks.openUnder('unit-a', null, 10)).toEqual([])
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: migration 005-invitation-kinds', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('marks old invitations as staff ones, once; the admin lists them and not take-over codes', async () => {
    const db = getDb()
    for (const { id, ...fields } of OLD) await db.collection('invitations').add({ _id: id, ...fields })
    expect(await invitationKinds.run({ db })).toEqual({ changed: 2 })
    expect(await invitationKinds.run({ db })).toEqual({ changed: 0 })
    // 017-unit-lists gives them their unit's path, so the admin's list under the unit finds them.
    await db.collection('org_units').doc('unit-a').set({ name: '弥阳', parentId: null, path: ['unit-a'] })
    expect(await unitLists.run({ db })).toEqual({ changed: 2 })
    resetSdk()
    const store = createCloudbaseStore()
    await store.repos.invitations.insert({ ...invitation('t1', '2026-03-04T02:00:00.000Z'), roles: [], kind: 'takeover', applicationId: 'app-1' })
    expect((await store.repos.invitations.listUnder('unit-a', null, 10)).map((i) => i.id)).toEqual(['i2', 'i1'])
    expect(await store.repos.invitations.get('t1')).toMatchObject({ kind: 'takeover', applicationId: 'app-1' })
    await store.close()
  })
})

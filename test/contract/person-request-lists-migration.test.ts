/**
 * Open person requests written before issue 14's lists are found under every unit above theirs on
 * both stores: SQLite's migration 48 files an old database's open requests as entries of the
 * 'personRequests' list (with their counts); CloudBase's 019-person-request-lists gives each request
 * its unit's path, resuming where a run stopped, and writes nothing more when run again.
 */
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { personRequestLists } from '../../server/adapters/cloudbase/migrations/019-person-request-lists'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import type { OrgUnitRecord, PersonRequestRecord, Repositories } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'
import { oldDatabase } from '../support/old-sqlite'

const UNITS: OrgUnitRecord[] = [
  { id: 'prov', name: '省', parentId: null, path: ['prov'] },
  { id: 'city', name: '市', parentId: 'prov', path: ['prov', 'city'] },
  { id: 'town', name: '镇', parentId: 'city', path: ['prov', 'city', 'town'] },
]
const request = (id: string, unitId: string, dueOn: string, status: PersonRequestRecord['status'] = 'open'): PersonRequestRecord => ({
  id, kind: 'correct', applicationId: 'a-1', unitId, note: '更正电话号码', receivedOn: '2026-03-01', dueOn, status, openedBy: 'o-r', version: status === 'open' ? 1 : 2,
  ...(status === 'open' ? {} : { closedBy: 'o-r', closedAt: '2026-03-02T02:00:00.000Z', outcome: '已更正' }),
})
const REQUESTS = [request('pr-1', 'town', '2026-03-31'), request('pr-2', 'city', '2026-03-20'), request('pr-3', 'town', '2026-03-20'), request('pr-4', 'town', '2026-03-10', 'done')]

async function expectFound(repos: Repositories) {
  expect((await repos.personRequests.openUnder('prov', null, 10)).map((r) => r.id)).toEqual(['pr-2', 'pr-3', 'pr-1'])
  expect((await repos.personRequests.openUnder('prov', { dueOn: '2026-03-20', id: 'pr-2' }, 10)).map((r) => r.id)).toEqual(['pr-3', 'pr-1'])
  expect((await repos.personRequests.openUnder('town', null, 10)).map((r) => r.id)).toEqual(['pr-3', 'pr-1'])
  expect(await repos.personRequests.countOpenUnder('prov')).toBe(3)
  expect(await repos.personRequests.countOpenUnder('town')).toBe(2)
  expect(await repos.personRequests.get('pr-1')).toEqual(REQUESTS[0])
}

test('SQLite: migration 48 files the open requests of an old database under every unit above them', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = oldDatabase(file, 48, UNITS)
  // The records as the release before wrote them.
  const add = old.prepare('INSERT INTO person_requests (id, unit_id, status, due_on, version, doc) VALUES (?, ?, ?, ?, ?, ?)')
  for (const r of REQUESTS) add.run(r.id, r.unitId, r.status, r.dueOn, r.version, JSON.stringify(r))
  old.close()

  const db = openDatabase(file)
  try {
    await expectFound(bindRepositories(db))
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: migration 019-person-request-lists', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('gives old requests their unit path, resumes, and changes nothing the second time', async () => {
    const db = getDb()
    for (const { id, ...u } of UNITS) await db.collection('org_units').add({ _id: id, ...u })
    // As the release before stored them: no unitPath.
    for (const { id, ...r } of REQUESTS) await db.collection('person_requests').add({ _id: id, ...r })
    const saved: unknown[] = []
    // Units go in id order. A run cut short after 'city' goes on from there: 'prov' (nothing), 'town' (pr-1, pr-3, pr-4).
    expect(await personRequestLists.run({ db, progress: { afterUnit: 'city' }, saveProgress: async (p) => void saved.push(p) })).toEqual({ changed: 3 })
    // From the start: only 'city' (pr-2) is left to write.
    expect(await personRequestLists.run({ db })).toEqual({ changed: 1 })
    expect(await personRequestLists.run({ db })).toEqual({ changed: 0 })
    expect(saved).toEqual([{ afterUnit: 'town' }])
    resetSdk()
    const store = createCloudbaseStore()
    await expectFound(store.repos)
    await store.close()
  })
})

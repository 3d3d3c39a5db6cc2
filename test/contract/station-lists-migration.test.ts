/**
 * Stations written before issue 14's lists are found under every unit above theirs on both
 * stores: SQLite's migration 53 files an old database's stations in the list (with its counts);
 * CloudBase's 024-station-lists gives each station its unit's path, resuming where a run stopped,
 * and writes nothing more when run again.
 */
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { stationLists } from '../../server/adapters/cloudbase/migrations/024-station-lists'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import type { OrgUnitRecord, Repositories } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'
import { oldDatabase } from '../support/old-sqlite'
import { stationRecord } from '../support/stations'

const UNITS: OrgUnitRecord[] = [
  { id: 'prov', name: '省', parentId: null, path: ['prov'] },
  { id: 'city', name: '市', parentId: 'prov', path: ['prov', 'city'] },
  { id: 'town', name: '镇', parentId: 'city', path: ['prov', 'city', 'town'] },
]
const STATIONS = [
  stationRecord({ id: 's1', externalId: 'E1', unitId: 'town', name: '镇职工驿站' }),
  stationRecord({ id: 's2', externalId: 'E2', unitId: 'city', name: '市服务站' }),
  stationRecord({ id: 's3', externalId: 'E3', unitId: 'town', name: '镇服务站' }),
  stationRecord({ id: 's4', externalId: 'E4', unitId: '', name: '无单位驿站' }),
]

async function expectFound(repos: Repositories) {
  const ids = async (under: string | null, after: string | null = null, search?: string) => (await repos.stations.listUnder(under, after, 10, search)).map((s) => s.id)
  expect(await ids('prov')).toEqual(['s1', 's2', 's3'])
  expect(await ids('prov', 's1')).toEqual(['s2', 's3'])
  expect(await ids('town')).toEqual(['s1', 's3'])
  expect(await ids('city', null, '服务站')).toEqual(['s2', 's3'])
  expect(await ids(null)).toEqual(['s1', 's2', 's3', 's4'])
  expect(await repos.stations.countUnder('prov')).toBe(3)
  expect(await repos.stations.countUnder('town')).toBe(2)
  expect(await repos.stations.countUnder('prov', '镇')).toBe(2)
  expect(await repos.stations.countUnder(null)).toBe(4)
  expect(await repos.stations.get('s1')).toEqual(STATIONS[0])
}

test('SQLite: migration 53 files the stations of an old database under every unit above theirs', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = oldDatabase(file, 53, UNITS)
  // The records as the release before wrote them.
  const add = old.prepare('INSERT INTO stations (id, external_id, kind, status, amenity_mask, lng, lat, unit_id, doc) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)')
  for (const s of STATIONS) add.run(s.id, s.externalId, s.kind, s.status, s.location.lng, s.location.lat, s.unitId, JSON.stringify(s))
  old.close()

  const db = openDatabase(file)
  try {
    await expectFound(bindRepositories(db))
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: migration 024-station-lists', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test("gives old stations their unit's path, resumes, and changes nothing the second time", async () => {
    const db = getDb()
    for (const { id, ...u } of UNITS) await db.collection('org_units').add({ _id: id, ...u })
    // As the release before stored them: no unitPath.
    for (const { id, location, ...s } of STATIONS) await db.collection('stations').add({ _id: id, ...s, location: { type: 'Point', coordinates: [location.lng, location.lat] } })
    const saved: unknown[] = []
    // Units go in id order. A run cut short after 'prov' goes on from there: 'town' (s1, s3).
    expect(await stationLists.run({ db, progress: { afterUnit: 'prov' }, saveProgress: async (p) => void saved.push(p) })).toEqual({ changed: 2 })
    // From the start: only 'city' (s2) is left to write.
    expect(await stationLists.run({ db })).toEqual({ changed: 1 })
    expect(await stationLists.run({ db })).toEqual({ changed: 0 })
    expect(saved).toEqual([{ afterUnit: 'town' }])
    resetSdk()
    const store = createCloudbaseStore()
    await expectFound(store.repos)
    await store.close()
  })
})

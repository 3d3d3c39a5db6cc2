/**
 * 户户清 campaigns written before issue 14's lists are found for every unit whose subtree overlaps
 * their scope, on both stores: SQLite's migration 52 files an old database's campaigns as entries
 * under their scope units' paths; CloudBase's 023-campaign-lists gives each campaign its scope's
 * paths, resuming where a run stopped, and writes nothing more when run again.
 */
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { campaignLists } from '../../server/adapters/cloudbase/migrations/023-campaign-lists'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import type { OrgUnitRecord, Repositories } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'
import { oldDatabase } from '../support/old-sqlite'
import { campaignRecord } from '../support/household-records'

const UNITS: OrgUnitRecord[] = [
  { id: 'prov', name: '省', parentId: null, path: ['prov'] },
  { id: 'city', name: '市', parentId: 'prov', path: ['prov', 'city'] },
  { id: 'town', name: '镇', parentId: 'city', path: ['prov', 'city', 'town'] },
  { id: 'other', name: '他市', parentId: 'prov', path: ['prov', 'other'] },
]
const unit = (id: string) => UNITS.find((u) => u.id === id)!
// k1 for the town, k2 for the city, k3 for the other city and the town, k4 for the other city only.
const CAMPAIGNS = [
  campaignRecord('k1', { startsOn: '2026-03-01', unitIds: ['town'] }),
  campaignRecord('k2', { startsOn: '2026-04-01', unitIds: ['city'] }),
  campaignRecord('k3', { startsOn: '2026-04-01', unitIds: ['other', 'town'] }),
  campaignRecord('k4', { startsOn: '2026-02-01', unitIds: ['other'] }),
]

async function expectFound(repos: Repositories) {
  const ids = async (u: string, after: { startsOn: string; id: string } | null = null, limit = 10) => (await repos.campaigns.listFor(unit(u), after, limit)).map((c) => c.id)
  expect(await ids('prov')).toEqual(['k3', 'k2', 'k1', 'k4'])
  expect(await ids('prov', null, 2)).toEqual(['k3', 'k2'])
  expect(await ids('prov', { startsOn: '2026-04-01', id: 'k2' })).toEqual(['k1', 'k4'])
  // The town sees the campaigns of its own scope and of the city above it.
  expect(await ids('town')).toEqual(['k3', 'k2', 'k1'])
  expect(await ids('city')).toEqual(['k3', 'k2', 'k1'])
  expect(await ids('other')).toEqual(['k3', 'k4'])
  expect(await repos.campaigns.countFor(unit('prov'))).toBe(4)
  expect(await repos.campaigns.countFor(unit('town'))).toBe(3)
  expect(await repos.campaigns.countFor(unit('other'))).toBe(2)
  expect(await repos.campaigns.get('k3')).toEqual(CAMPAIGNS[2])
}

test('SQLite: migration 52 files the campaigns of an old database under their scope units\' paths', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = oldDatabase(file, 52, UNITS)
  // The records as the release before wrote them.
  const add = old.prepare('INSERT INTO campaigns (id, starts_on, version, doc) VALUES (?, ?, ?, ?)')
  for (const c of CAMPAIGNS) add.run(c.id, c.startsOn, c.version, JSON.stringify(c))
  old.close()

  const db = openDatabase(file)
  try {
    await expectFound(bindRepositories(db))
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: migration 023-campaign-lists', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test("gives old campaigns their scope's paths, resumes, and changes nothing the second time", async () => {
    const db = getDb()
    for (const { id, ...u } of UNITS) await db.collection('org_units').add({ _id: id, ...u })
    // As the release before stored them: no unitPath.
    for (const { id, ...c } of CAMPAIGNS) await db.collection('campaigns').add({ _id: id, ...c })
    const saved: unknown[] = []
    // Campaigns go in id order. A run cut short after 'k2' goes on from there: k3, k4.
    expect(await campaignLists.run({ db, progress: { afterId: 'k2' }, saveProgress: async (p) => void saved.push(p) })).toEqual({ changed: 2 })
    // From the start: only k1 and k2 are left to write.
    expect(await campaignLists.run({ db })).toEqual({ changed: 2 })
    expect(await campaignLists.run({ db })).toEqual({ changed: 0 })
    expect(saved).toEqual([{ afterId: 'k4' }])
    resetSdk()
    const store = createCloudbaseStore()
    await expectFound(store.repos)
    await store.close()
  })
})

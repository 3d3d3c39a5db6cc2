/**
 * Ledger entries written before the ledger export became a job are read by day paid under every
 * unit above theirs on both stores: SQLite's migration 56 files an old database's approved entries
 * (not its pending or rejected ones) and keeps them as decisions and unit moves come; on CloudBase
 * the entries have had their unit's path since 021-ledger-lists, so the deployed index reads them as
 * they are (no data migration). The entries' facts stay as they were.
 */
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import type { OrgUnitRecord, Repositories } from '../../server/ports'
import type { DisbursementEntry } from '../../src/domain/ledger'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'
import { paymentEntry } from '../support/household-records'
import { addOldEntries, oldDatabase } from '../support/old-sqlite'

const UNITS: OrgUnitRecord[] = [
  { id: 'prov', name: '省', parentId: null, path: ['prov'] },
  { id: 'city', name: '市', parentId: 'prov', path: ['prov', 'city'] },
  { id: 'town', name: '镇', parentId: 'city', path: ['prov', 'city', 'town'] },
]
const DECISION = { status: 'approved' as const, by: 'o-reviewer', byName: '周敏', at: '2026-03-02T00:00:00.000Z', note: '' }
const ENTRIES: DisbursementEntry[] = [
  paymentEntry('e1', { unitId: 'town', paidOn: '2026-03-05' }),
  paymentEntry('e2', { unitId: 'city', paidOn: '2026-03-01' }),
  paymentEntry('e3', { unitId: 'town', paidOn: '2026-03-01' }),
  { ...paymentEntry('e4', { unitId: 'town', paidOn: '2026-02-01' }), status: 'pending', decision: null },
  { ...paymentEntry('e5', { unitId: 'city', paidOn: '2026-02-01' }), status: 'rejected', decision: { ...DECISION, status: 'rejected', note: '重复' } },
]

const ids = async (repos: Repositories, under: string, range = {}) => (await repos.ledger.approvedUnder(under, range, null, 10)).map((e) => e.id)

async function expectFound(repos: Repositories) {
  expect(await ids(repos, 'prov')).toEqual(['e2', 'e3', 'e1'])
  expect(await ids(repos, 'town')).toEqual(['e3', 'e1'])
  expect(await ids(repos, 'prov', { from: '2026-03-02' })).toEqual(['e1'])
  expect((await repos.ledger.approvedUnder('prov', {}, { paidOn: '2026-03-01', id: 'e2' }, 10)).map((e) => e.id)).toEqual(['e3', 'e1'])
  expect(await repos.ledger.countApprovedUnder('prov', {})).toBe(3)
  expect(await repos.ledger.countApprovedUnder('city', { to: '2026-03-01' })).toBe(2)
  for (const e of ENTRIES) expect(await repos.ledger.get(e.id)).toEqual(e)
  // An old pending entry approved now joins the list.
  expect(await repos.ledger.decide('e4', DECISION)).toBe(true)
  expect(await ids(repos, 'town')).toEqual(['e4', 'e3', 'e1'])
}

test('SQLite: migration 56 files the approved entries of an old database under every unit above them, by day paid', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = oldDatabase(file, 56, UNITS)
  addOldEntries(old, ENTRIES)
  old.close()

  const db = openDatabase(file)
  try {
    const repos = bindRepositories(db)
    await expectFound(repos)
    // A moved unit's entries are found under its new place only.
    const town = UNITS[2]
    await repos.units.put({ ...town, parentId: 'prov', path: ['prov', 'town'] })
    expect(await ids(repos, 'city')).toEqual(['e2'])
    expect(await ids(repos, 'prov')).toEqual(['e4', 'e2', 'e3', 'e1'])
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: no data migration (the entries have their unit path since 021)', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('entries as the release before stored them are read by day paid on the deployed index', async () => {
    const db = getDb()
    for (const { id, ...u } of UNITS) await db.collection('org_units').add({ _id: id, ...u })
    const pathOf = new Map(UNITS.map((u) => [u.id, u.path]))
    for (const { id, ...e } of ENTRIES) await db.collection('disbursements').add({ _id: id, ...e, unitPath: pathOf.get(e.unitId) })
    resetSdk()
    const store = createCloudbaseStore()
    await expectFound(store.repos)
    await store.close()
  })
})

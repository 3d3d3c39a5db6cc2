/**
 * Ledger entries written before issue 14's lists are found under every unit above theirs on both
 * stores: SQLite's migration 50 files an old database's pending entries (with their counts);
 * CloudBase's 021-ledger-lists gives each entry its unit's path, resuming where a run stopped, and
 * writes nothing more when run again. The entries' facts stay as they were.
 */
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { ledgerLists } from '../../server/adapters/cloudbase/migrations/021-ledger-lists'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import type { OrgUnitRecord, Repositories } from '../../server/ports'
import type { DisbursementEntry } from '../../src/domain/ledger'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'
import { addOldEntries, oldDatabase } from '../support/old-sqlite'
import { paymentEntry } from '../support/household-records'

const UNITS: OrgUnitRecord[] = [
  { id: 'prov', name: '省', parentId: null, path: ['prov'] },
  { id: 'city', name: '市', parentId: 'prov', path: ['prov', 'city'] },
  { id: 'town', name: '镇', parentId: 'city', path: ['prov', 'city', 'town'] },
]
const pending = (id: string, unitId: string, createdAt: string, recordedBy = 'o-cadre') => paymentEntry(id, { unitId, createdAt, recordedBy, status: 'pending', decision: null })
const DECISION = { status: 'approved' as const, by: 'o-reviewer', byName: '周敏', at: '2026-03-02T00:00:00.000Z', note: '' }
const ENTRIES: DisbursementEntry[] = [
  pending('e1', 'town', '2026-03-01T00:00:00.000Z'),
  pending('e2', 'city', '2026-03-03T00:00:00.000Z', 'o-reviewer'),
  pending('e3', 'town', '2026-03-03T00:00:00.000Z'),
  { ...paymentEntry('e4', { unitId: 'town', createdAt: '2026-03-02T00:00:00.000Z' }), status: 'approved', decision: DECISION },
]

async function expectFound(repos: Repositories) {
  expect((await repos.ledger.pendingUnder('prov', null, 10)).map((e) => e.id)).toEqual(['e1', 'e2', 'e3'])
  expect((await repos.ledger.pendingUnder('prov', { createdAt: '2026-03-03T00:00:00.000Z', id: 'e2' }, 10)).map((e) => e.id)).toEqual(['e3'])
  expect((await repos.ledger.pendingUnder('town', null, 10)).map((e) => e.id)).toEqual(['e1', 'e3'])
  expect(await repos.ledger.countPendingUnder('prov')).toBe(3)
  expect(await repos.ledger.countPendingUnder('city', 'o-reviewer')).toBe(1)
  expect(await repos.ledger.countPendingUnder('town', 'o-reviewer')).toBe(0)
  for (const e of ENTRIES) expect(await repos.ledger.get(e.id)).toEqual(e)
}

test('SQLite: migration 50 files the pending entries of an old database under every unit above them', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = oldDatabase(file, 50, UNITS)
  // The records as the release before wrote them.
  addOldEntries(old, ENTRIES)
  old.close()

  const db = openDatabase(file)
  try {
    await expectFound(bindRepositories(db))
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: migration 021-ledger-lists', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('gives old entries their unit path, resumes, and changes nothing the second time', async () => {
    const db = getDb()
    for (const { id, ...u } of UNITS) await db.collection('org_units').add({ _id: id, ...u })
    // As the release before stored them: no unitPath.
    for (const { id, ...e } of ENTRIES) await db.collection('disbursements').add({ _id: id, ...e })
    const saved: unknown[] = []
    // Units go in id order. A run cut short after 'city' goes on from there: 'prov' (nothing), 'town' (e1, e3, e4).
    expect(await ledgerLists.run({ db, progress: { afterUnit: 'city' }, saveProgress: async (p) => void saved.push(p) })).toEqual({ changed: 3 })
    // From the start: only 'city' (e2) is left to write.
    expect(await ledgerLists.run({ db })).toEqual({ changed: 1 })
    expect(await ledgerLists.run({ db })).toEqual({ changed: 0 })
    expect(saved).toEqual([{ afterUnit: 'town' }])
    resetSdk()
    const store = createCloudbaseStore()
    await expectFound(store.repos)
    await store.close()
  })
})

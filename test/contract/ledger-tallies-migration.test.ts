/**
 * Pending ledger entries written before their counts per unit and recorder were kept are counted
 * on both stores: SQLite's migration 58 counts an old database's pending entries under every unit
 * above them; CloudBase's 029-ledger-tallies counts each unit's, resuming where a run stopped, and
 * writes nothing more when run again. The counts then follow new decisions.
 */
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { ledgerTallies } from '../../server/adapters/cloudbase/migrations/029-ledger-tallies'
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
const pending = (id: string, unitId: string, recordedBy: string) => paymentEntry(id, { unitId, recordedBy, status: 'pending', decision: null })
const DECISION = { status: 'approved' as const, by: 'o-reviewer', byName: '周敏', at: '2026-03-02T00:00:00.000Z', note: '' }
const ENTRIES: DisbursementEntry[] = [
  pending('e1', 'town', 'o-cadre'),
  pending('e2', 'city', 'o-reviewer'),
  pending('e3', 'town', 'o-reviewer'),
  pending('e4', 'town', 'o-reviewer'),
  pending('e5', 'prov', 'o-cadre'),
  { ...paymentEntry('e6', { unitId: 'town', recordedBy: 'o-reviewer' }), status: 'approved', decision: DECISION },
]

/** What the old entries say, then one decision taken after the migration. */
async function expectCounted(repos: Repositories, decide: (id: string) => Promise<boolean>) {
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(UNITS.flatMap((u) => ['o-cadre', 'o-reviewer'].map(async (r) => [`${u.id}/${r}`, await repos.ledger.countPendingUnder(u.id, r)] as const))),
    )
  expect(await counts()).toEqual({
    'prov/o-cadre': 2, 'prov/o-reviewer': 3,
    'city/o-cadre': 1, 'city/o-reviewer': 3,
    'town/o-cadre': 1, 'town/o-reviewer': 2,
  })
  expect(await decide('e3')).toBe(true)
  expect(await repos.ledger.countPendingUnder('prov', 'o-reviewer')).toBe(2)
  expect(await repos.ledger.countPendingUnder('town', 'o-reviewer')).toBe(1)
}

test('SQLite: migration 58 counts the pending entries of an old database per unit above and recorder', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = oldDatabase(file, 58, UNITS)
  // The records as the release before wrote them (its triggers file them in the pending list).
  addOldEntries(old, ENTRIES)
  old.close()

  const db = openDatabase(file)
  try {
    const repos = bindRepositories(db)
    await expectCounted(repos, (id) => repos.ledger.decide(id, DECISION))
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'disbursements_pending_by_recorder'").pluck().get()).toBe(0)
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: migration 029-ledger-tallies', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('counts old pending entries per unit and recorder, resumes, and changes nothing the second time', async () => {
    const db = getDb()
    for (const { id, ...u } of UNITS) await db.collection('org_units').add({ _id: id, ...u })
    // As the release before stored them: with their unit's path, no counts.
    for (const { id, ...e } of ENTRIES) await db.collection('disbursements').add({ _id: id, ...e, unitPath: UNITS.find((u) => u.id === e.unitId)!.path })
    const saved: unknown[] = []
    // Units go in id order. A run cut short after 'city' goes on from there: 'prov' (e5), 'town' (e1, e3, e4: one to three documents).
    const first = await ledgerTallies.run({ db, progress: { afterUnit: 'city' }, saveProgress: async (p) => void saved.push(p) })
    expect(first.changed).toBeGreaterThanOrEqual(2)
    expect(saved).toEqual([{ afterUnit: 'town' }])
    // From the start: only 'city' (e2) is left to write.
    expect(await ledgerTallies.run({ db })).toEqual({ changed: 1 })
    expect(await ledgerTallies.run({ db })).toEqual({ changed: 0 })
    resetSdk()
    const store = createCloudbaseStore()
    await expectCounted(store.repos, (id) => store.transaction((repos) => repos.ledger.decide(id, DECISION)))
    // Run again after the decision: the kept counts already say what the entries say.
    expect(await ledgerTallies.run({ db })).toEqual({ changed: 0 })
    await store.close()
  })
})

/**
 * Ledger entries and households written before the ledger export read them in stored order are
 * read so on both stores: SQLite's migration 54 copies an old database's approved entries (not its
 * pending or rejected ones) into the table clustered by day paid, adds an entry approved later, and
 * indexes the households by id with the number and name every release since migration 7 wrote; on
 * CloudBase the entries are read by their path on the deployed index and the households' two fields
 * by `_id` (no data migration). The records stay as they were.
 */
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import { HOUSEHOLD_NAMES_SQL, LEDGER_DAYS_PAGE } from '../../server/adapters/sqlite/migration-ledger-reads'
import { householdRepository } from '../../server/adapters/sqlite/household-repository'
import type { OrgUnitRecord, Repositories } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'
import type { DisbursementEntry } from '../../src/domain/ledger'
import { householdRecord, paymentEntry } from '../support/household-records'
import { addOldEntries, oldDatabase } from '../support/old-sqlite'

const UNITS: OrgUnitRecord[] = [{ id: 'u1', name: '市', parentId: null, path: ['u1'] }]
const HOUSEHOLDS = [householdRecord('h1', { unitId: 'u1', number: 'MLS-H-2025-000001', headName: '张大明' }), householdRecord('h2', { unitId: 'u1', number: 'MLS-H-2025-000002', headName: '李四' })]

const DECISION = { status: 'approved' as const, by: 'o-reviewer', byName: '周敏', at: '2026-03-02T00:00:00.000Z', note: '' }
const ENTRIES: DisbursementEntry[] = [
  paymentEntry('e1', { unitId: 'u1', householdId: 'h1', paidOn: '2026-03-05' }),
  paymentEntry('e2', { unitId: 'u1', householdId: 'h2', paidOn: '2026-03-01' }),
  paymentEntry('e3', { unitId: 'u1', householdId: 'h1', paidOn: '2026-03-01' }),
  { ...paymentEntry('e4', { unitId: 'u1', householdId: 'h1', paidOn: '2026-02-01' }), status: 'pending', decision: null },
  { ...paymentEntry('e5', { unitId: 'u1', householdId: 'h2', paidOn: '2026-02-01' }), status: 'rejected', decision: { ...DECISION, status: 'rejected', note: '重复' } },
]

const approved = async (repos: Repositories, range = {}) => (await repos.ledger.approvedUnder('u1', range, null, 10)).map((e) => e.id)

async function expectEntries(repos: Repositories) {
  expect(await approved(repos)).toEqual(['e2', 'e3', 'e1'])
  expect(await approved(repos, { to: '2026-03-01' })).toEqual(['e2', 'e3'])
  expect(await repos.ledger.approvedUnder('u1', {}, { paidOn: '2026-03-01', id: 'e2' }, 10)).toEqual([ENTRIES[2], ENTRIES[0]])
  // An old pending entry approved now is read with its decision; a rejected one never.
  expect(await repos.ledger.decide('e4', DECISION)).toBe(true)
  expect(await repos.ledger.approvedUnder('u1', {}, null, 1)).toEqual([{ ...ENTRIES[3], status: 'approved', decision: DECISION }])
  expect(await approved(repos)).toEqual(['e4', 'e2', 'e3', 'e1'])
}

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

test('SQLite: migration 54 copies the approved entries of an old database by day paid and indexes its households by id with their number and name', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const old = oldDatabase(file, 54, UNITS)
  // Written by the household repository as the release before wrote them (its insert does not change with 54).
  for (const h of HOUSEHOLDS) await householdRepository(old as never).insert(h)
  addOldEntries(old, ENTRIES)
  old.close()

  const db = openDatabase(file)
  try {
    expect(db.prepare('SELECT max(version) FROM schema_migrations').pluck().get()).toBeGreaterThanOrEqual(54)
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${HOUSEHOLD_NAMES_SQL}`).all('[]') as { detail: string }[]).map((r) => r.detail).join('\n')
    expect(plan).toContain('USING COVERING INDEX households_names')
    const days = (db.prepare(`EXPLAIN QUERY PLAN ${LEDGER_DAYS_PAGE}`).all('u1', '', '', '9', 10) as { detail: string }[]).map((r) => r.detail)
    expect(days).toEqual([expect.stringContaining('SEARCH e USING PRIMARY KEY'), expect.stringContaining('SEARCH d USING PRIMARY KEY (paid_on=? AND id=?)')])
    expect(db.prepare('SELECT id FROM ledger_days ORDER BY paid_on, id').pluck().all()).toEqual(['e2', 'e3', 'e1'])
    const repos = bindRepositories(db)
    await expectEntries(repos)
    await expectNamed(repos)
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: no data migration (entries by their path since 021, households’ fields by _id)', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('entries and households as the release before stored them are read by day paid and named by number and head’s name', async () => {
    const db = getDb()
    for (const { id, ...u } of UNITS) await db.collection('org_units').add({ _id: id, ...u })
    for (const { id, ...h } of HOUSEHOLDS) await db.collection('households').add({ _id: id, ...h, unitPath: ['u1'], keyVersion: 1 })
    for (const { id, ...e } of ENTRIES) await db.collection('disbursements').add({ _id: id, ...e, unitPath: ['u1'] })
    resetSdk()
    const store = createCloudbaseStore()
    await expectEntries(store.repos)
    await expectNamed(store.repos)
    await store.close()
  })
})

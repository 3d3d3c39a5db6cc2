/**
 * Ledger entries written before four-eyes approvals become approved by the approver their recorder
 * named, on both stores: SQLite's migration 9 when an old database is opened, and the CloudBase
 * migration function the deploy's migration runner calls. After it, an entry's facts cannot be
 * changed on SQLite even by hand, and its decision only once, from pending.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { ledgerApproval } from '../../server/adapters/cloudbase/migrations/002-ledger-approval'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import { ledgerRepository } from '../../server/adapters/sqlite/ledger-repository'
import { MIGRATIONS } from '../../server/adapters/sqlite/migrations'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'

const AT = '2025-06-01T02:00:00.000Z'

/** An entry as the old rule wrote it: counted at once, naming its approver. */
const oldEntry = (id: string) => ({
  id,
  kind: 'payment',
  householdId: 'h1',
  unitId: 'u1',
  amountFen: 150_000,
  fundSource: 'county',
  measureId: null,
  paidOn: '2025-06-01',
  payeeAccountMasked: '6222 **** 0123',
  reversesId: null,
  reason: '',
  recordedBy: 'o-caseworker',
  recordedByName: '李娟',
  approvedBy: 'o-admin',
  approvedByName: '赵强',
  note: '夏季慰问',
  createdAt: AT,
})

/** What the old entry is after the migration. */
const migrated = (id: string) => {
  const { approvedBy: _by, approvedByName: _name, ...facts } = oldEntry(id)
  return { ...facts, budgetId: null, status: 'approved', decision: { status: 'approved', by: 'o-admin', byName: '赵强', at: AT, note: '', legacy: true } }
}

describe('SQLite: migration 9', () => {
  const { dir, cleanup } = tempDir()
  afterAll(cleanup)
  const file = join(dir, 'old.db')

  beforeAll(() => {
    // A database as the release before this one left it: migrations 1..7 and an entry of the old shape.
    const db = new Database(file)
    db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
    for (const m of MIGRATIONS.filter((m) => m.version <= 7)) {
      db.exec(m.sql)
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, AT)
    }
    for (const id of ['d1', 'd2']) {
      const e = oldEntry(id)
      db.prepare('INSERT INTO disbursements (id, household_id, unit_id, paid_on, created_at, doc) VALUES (?, ?, ?, ?, ?, ?)').run(id, e.householdId, e.unitId, e.paidOn, e.createdAt, JSON.stringify(e))
    }
    db.close()
  })

  test('old entries are approved by their named approver; facts cannot change, a decision only once from pending', async () => {
    const db = openDatabase(file)
    try {
      const repo = ledgerRepository(db)
      expect(await repo.get('d1')).toEqual(migrated('d1'))
      expect(await repo.listByHousehold('h1')).toEqual([migrated('d1'), migrated('d2')])
      expect(await repo.countPendingUnder('u1')).toBe(0)
      expect(await repo.decide('d1', { status: 'rejected', by: 'o-x', byName: 'x', at: AT, note: '晚了' })).toBe(false)
      // By hand, past the repository: the triggers refuse.
      expect(() => db.prepare(`UPDATE disbursements SET doc = json_set(doc, '$.amountFen', 1) WHERE id = 'd1'`).run()).toThrow(/append-only/)
      expect(() => db.prepare(`UPDATE disbursements SET status = 'rejected', decision = '{}' WHERE id = 'd1'`).run()).toThrow(/append-only/)
      expect(() => db.prepare(`DELETE FROM disbursements WHERE id = 'd1'`).run()).toThrow(/append-only/)
      // A new pending entry: its decision may be written once, its facts never.
      const fresh = { ...migrated('d3'), status: 'pending' as const, decision: null }
      await repo.append(fresh as never)
      expect(() => db.prepare(`UPDATE disbursements SET status = 'approved', decision = '{}', doc = json_set(doc, '$.amountFen', 1) WHERE id = 'd3'`).run()).toThrow(/append-only/)
      expect(() => db.prepare(`UPDATE disbursements SET status = 'approved', decision = '{}', paid_on = '2025-01-01' WHERE id = 'd3'`).run()).toThrow(/append-only/)
      expect(await repo.decide('d3', { status: 'approved', by: 'o-reviewer', byName: '周敏', at: AT, note: '' })).toBe(true)
      expect(() => db.prepare(`UPDATE disbursements SET status = 'rejected' WHERE id = 'd3'`).run()).toThrow(/append-only/)
      expect(await repo.get('d3')).toMatchObject({ amountFen: 150_000, status: 'approved', decision: { by: 'o-reviewer' } })
    } finally {
      db.close()
    }
  })
})

describe('CloudBase: migration 002-ledger-approval', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('approves the old entries once, leaves decided ones alone, and a second run changes nothing', async () => {
    const coll = getDb().collection('disbursements')
    for (const id of ['d1', 'd2', 'd3']) {
      const { id: _id, ...fields } = oldEntry(id)
      await coll.add({ _id, ...fields })
    }
    const { id: _id, ...pending } = { ...migrated('d4'), status: 'pending', decision: null }
    await coll.add({ _id: 'd4', ...pending })
    expect(ledgerApproval.id).toMatch(/^002-/)
    expect(await ledgerApproval.run({ db: getDb() })).toEqual({ changed: 3 })
    expect(await ledgerApproval.run({ db: getDb() })).toEqual({ changed: 0 })
    resetSdk()
    const store = createCloudbaseStore()
    expect(await store.repos.ledger.get('d1')).toEqual(migrated('d1'))
    expect(await store.repos.ledger.get('d4')).toMatchObject({ status: 'pending', decision: null })
    // Not under its unit until 021-ledger-lists gives it the unit's path (ledger-lists-migration.test.ts).
    expect(await store.repos.ledger.countPendingUnder('u1')).toBe(0)
    await store.close()
  })
})

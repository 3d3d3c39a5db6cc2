/**
 * A 户户清 item may now be answered 有变化; the items recorded before were answered 核实清楚 or
 * 未核实清楚, and after the migration each says it did not change, on both stores: SQLite's
 * migration 43 when an old database is opened (which also adds the evidence table), CloudBase's
 * 015-item-changed the deploy's runner calls. Everything else of a check stays as it was.
 */
import Database from 'better-sqlite3'
import { join } from 'node:path'
import type { CheckRecord, ItemCheck } from '../../src/domain/campaign'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { itemChanged } from '../../server/adapters/cloudbase/migrations/015-item-changed'
import { getDb, resetSdk } from '../../server/adapters/cloudbase/sdk'
import { bindRepositories } from '../../server/adapters/sqlite'
import { openDatabase } from '../../server/adapters/sqlite/connection'
import { MIGRATIONS } from '../../server/adapters/sqlite/migrations'
import type { Repositories } from '../../server/ports'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { tempDir } from '../support/deps'

/** An item as the code before the migration wrote it: no `changed`. */
const old = (confirmed: boolean, note: string): ItemCheck => ({ confirmed, note, evidenceIds: [], at: '2026-04-02T02:00:00.000Z', by: 'o-cw', byName: '李娟' })
const check = (id: string, items: CheckRecord['items'], version: number): CheckRecord => ({
  id, campaignId: 'c1', householdId: id.split(':')[1], unitId: 'unit-a1', items, outcome: null, outcomeAt: null, outcomeBy: null, updatedAt: '2026-04-02T02:00:00.000Z', version,
})
const CHECKS = [
  check('c1:h1', { household: old(true, ''), difficulties: old(false, '收入证明未提供') }, 2),
  check('c1:h2', {}, 1),
]
const AFTER = [
  check('c1:h1', { household: { ...old(true, ''), changed: false }, difficulties: { ...old(false, '收入证明未提供'), changed: false } }, 2),
  check('c1:h2', {}, 1),
]

const read = async (repos: Repositories) => Promise.all(CHECKS.map((c) => repos.checks.get(c.id)))

test('SQLite: migration 43 says of every recorded item that it did not change, and adds the evidence table', async () => {
  const { dir, cleanup } = tempDir()
  const file = join(dir, 'old.db')
  const raw = new Database(file)
  raw.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  for (const m of MIGRATIONS.filter((m) => m.version < 43)) {
    raw.exec(m.sql)
    raw.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-03-02T02:00:00.000Z')
  }
  for (const c of CHECKS) raw.prepare('INSERT INTO checks (id, campaign_id, version, doc) VALUES (?, ?, ?, ?)').run(c.id, c.campaignId, c.version, JSON.stringify(c))
  raw.close()

  const db = openDatabase(file)
  try {
    const repos = bindRepositories(db)
    expect(await read(repos)).toEqual(AFTER)
    const photo = { id: 'ev-1', householdId: 'h1', unitId: 'unit-a1', fileName: 'a.jpg', contentType: 'image/jpeg' as const, size: 1, storageKey: 'evidence/h1/ev-1.jpg', uploadedAt: '2026-04-02T02:00:00.000Z', uploadedBy: 'o-cw' }
    expect(await repos.evidence.add(photo)).toBe(true)
    expect(await repos.evidence.listByHousehold('h1', 5)).toEqual([photo])
  } finally {
    db.close()
    cleanup()
  }
})

describe('CloudBase: migration 015-item-changed', () => {
  let standin: Standin
  beforeAll(async () => {
    standin = await startDeployedStandin()
    useStandin(standin)
  })
  afterAll(() => standin.close())

  test('marks every recorded item unchanged, once; the store reads them so', async () => {
    resetSdk()
    const store = createCloudbaseStore()
    for (const c of CHECKS) await store.repos.checks.put(c, 0)
    const db = getDb()
    expect(await itemChanged.run({ db })).toEqual({ changed: 1 })
    expect(await itemChanged.run({ db })).toEqual({ changed: 0 })
    expect(await read(store.repos)).toEqual(AFTER)
    await store.close()
  })
})

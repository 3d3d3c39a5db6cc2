/**
 * Deploy's data-migration step on the strict stand-in, through the real SDK: a database written by
 * the previous release (ledger entries naming their approver, stations and reports without a unit,
 * no migration record) is upgraded by `deploy`, once; a second deploy changes nothing; a run cut
 * off in the middle resumes where it stopped; two deploys at once run each migration once.
 */
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { DATA_MIGRATIONS } from '../../server/adapters/cloudbase/migrations'
import type { CloudbaseMigration } from '../../server/adapters/cloudbase/migrations/migration'
import { checkMigrationList } from '../../server/adapters/cloudbase/migrations/runner'
import { getDb } from '../../server/adapters/cloudbase/sdk'
import type { Database } from '../../server/adapters/cloudbase/types'
import { desiredState } from '../../scripts/deploy/desired'
import { migrationStep } from '../../scripts/deploy/migrate'
import { deploy } from '../../scripts/deploy/run'
import { startStandin, type Standin } from '../cloudbase-standin'
import { StandinTarget } from '../cloudbase-standin/deploy-target'
import { useStandin } from '../support/cloudbase-standin'
import { stationRecord } from '../support/stations'
import { UNITS } from '../support/union-tree'

const AT = '2025-06-01T02:00:00.000Z'
const DESIRED = { ...desiredState({ envId: 'test-env', region: 'ap-shanghai', settings: {}, secrets: {}, codeHashes: null }), functions: [] }
/** What the previous release's deploy created: every collection but the migration records. */
const PREVIOUS = { ...DESIRED, collections: DESIRED.collections.filter((c) => c.name !== 'data_migrations') }

let standin: Standin
const quiet = () => undefined

/** A database as the previous release left it: its collections, the union tree, old ledger entries, stations and a report. */
async function previousRelease(): Promise<void> {
  standin = await startStandin()
  useStandin(standin)
  await deploy(new StandinTarget(standin), PREVIOUS, {}, quiet)
  const db = getDb()
  for (const { id, ...u } of UNITS) await db.collection('org_units').add({ _id: id, ...u })
  for (let i = 1; i <= 3; i++) {
    await db.collection('disbursements').add({
      _id: `d${i}`, kind: 'payment', householdId: 'h1', unitId: 'unit-a', amountFen: 100_000 * i, fundSource: 'county', measureId: null, paidOn: '2025-06-01',
      payeeAccountMasked: '6222 **** 0123', reversesId: null, reason: '', recordedBy: 'o-cw', recordedByName: '李娟', approvedBy: 'o-admin', approvedByName: '赵强', note: '', createdAt: AT,
    })
  }
  const stations = [stationRecord({ id: 's1', externalId: 'E1', unitName: '农机厂工会' }), stationRecord({ id: 's2', externalId: 'E2', unitName: '', district: '新哨镇', address: '弥勒市1号' })]
  for (const { id, unitId: _unit, location, ...fields } of stations) {
    await db.collection('stations').add({ _id: id, ...fields, location: { type: 'Point', coordinates: [location.lng, location.lat] } })
  }
  await db.collection('problem_reports').add({ _id: 'r1', stationId: 's2', stationName: '驿站', problem: 'closed', note: '', reporterOpenid: 'w1', status: 'pending', version: 1, createdAt: AT, decidedAt: null, decidedBy: null, decisionNote: '' })
}

/** Every collection's documents but the migration records, as JSON: what the app sees. */
const appData = () => JSON.stringify([...standin.collections()].filter(([name]) => name !== 'data_migrations').map(([name, docs]) => [name, [...docs]]))
const records = () => standin.collections().get('data_migrations') ?? new Map()

/** The database, failing (as a killed deploy would stop) at the `n`th update of `collection`. */
function cutAt(db: Database, collection: string, n: number): Database {
  let updates = 0
  const wrapQuery = (q: ReturnType<Database['collection']>): ReturnType<Database['collection']> =>
    new Proxy(q, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => {
          if (key === 'update' && ++updates >= n) throw new Error('deploy killed')
          const out = (value as (...a: unknown[]) => unknown).apply(target, args)
          return out && typeof out === 'object' && 'update' in out ? wrapQuery(out as ReturnType<Database['collection']>) : out
        }
      },
    })
  return { ...db, command: db.command, runTransaction: db.runTransaction.bind(db), collection: (name) => (name === collection ? wrapQuery(db.collection(name)) : db.collection(name)) }
}

afterEach(() => standin?.close())

/** Every migration of this release, in order: the previous release's data needs them all. */
const ALL = DATA_MIGRATIONS.map((m) => m.id)

test('DATA_MIGRATIONS is a plain list in id order, starting with 002 and 003', () => {
  expect(DATA_MIGRATIONS.slice(0, 2).map((m) => m.id)).toEqual(['002-ledger-approval', '003-station-units'])
  expect(() => checkMigrationList(DATA_MIGRATIONS)).not.toThrow()
  expect(() => checkMigrationList([DATA_MIGRATIONS[1], DATA_MIGRATIONS[0]])).toThrow(/out of order/)
})

test('deploy upgrades the previous release’s data once; --plan shows what is left; a second deploy changes nothing', async () => {
  await previousRelease()
  const step = migrationStep(getDb(), DATA_MIGRATIONS)
  const planLines: string[] = []
  await deploy(new StandinTarget(standin), DESIRED, { planOnly: true, migrations: step }, (l) => planLines.push(l))
  expect(planLines.join('\n')).toMatch(new RegExp(`create collection data_migrations[\\s\\S]*Data migrations \\(${ALL.length} to run of ${ALL.length}\\)[\\s\\S]*002-ledger-approval to run[\\s\\S]*003-station-units to run`))
  expect(standin.schema().has('data_migrations')).toBe(false)

  const first = await deploy(new StandinTarget(standin), DESIRED, { migrations: step }, quiet)
  expect(first.applied).toEqual([{ kind: 'collection.create', collection: 'data_migrations' }, { kind: 'acl.set', collection: 'data_migrations', from: null, to: 'ADMINONLY' }])
  expect(first.migrations).toEqual({ applied: ALL, skipped: [], resumed: [] })

  const store = createCloudbaseStore()
  expect(await store.repos.ledger.get('d2')).toMatchObject({ amountFen: 200_000, status: 'approved', budgetId: null, decision: { by: 'o-admin', byName: '赵强', at: AT, legacy: true } })
  expect(standin.collections().get('disbursements')!.get('d2')).not.toHaveProperty('approvedBy')
  expect((await store.repos.stations.get('s1'))?.unitId).toBe('unit-a1')
  expect((await store.repos.stations.get('s2'))?.unitId).toBe('unit-b')
  expect((await store.repos.problemReports.get('r1'))?.unitId).toBe('unit-b')
  await store.close()
  expect(records().get('002-ledger-approval')).toMatchObject({ status: 'applied', changed: 3, runs: 1, progress: null })
  expect(records().get('003-station-units')).toMatchObject({ status: 'applied', changed: 3, runs: 1 })

  const upgraded = appData()
  const before = standin.requests.length
  const lines: string[] = []
  const second = await deploy(new StandinTarget(standin), DESIRED, { migrations: step }, (l) => lines.push(l))
  expect(second.applied).toEqual([])
  expect(second.migrations).toEqual({ applied: [], skipped: ALL, resumed: [] })
  expect(lines.join('\n')).toMatch(new RegExp(`0 to run of ${ALL.length}[\\s\\S]*every data migration was applied already`))
  expect(appData()).toBe(upgraded)
  // The second run did not even read the migrated collections.
  expect(standin.requests.slice(before).filter((r) => r.collectionName !== 'data_migrations')).toEqual([])
})

test('a deploy cut off in the middle of 003 resumes it: 002 is not run again, and the data ends as an uncut run leaves it', async () => {
  await previousRelease()
  await expect(deploy(new StandinTarget(standin), DESIRED, { migrations: migrationStep(cutAt(getDb(), 'stations', 2), DATA_MIGRATIONS) }, quiet)).rejects.toThrow('deploy killed')
  expect(records().get('002-ledger-approval')).toMatchObject({ status: 'applied' })
  expect(records().get('003-station-units')).toMatchObject({ status: 'running', runs: 1 })
  expect(standin.collections().get('stations')!.get('s1')).toMatchObject({ unitId: 'unit-a1' })
  expect(standin.collections().get('stations')!.get('s2')).not.toHaveProperty('unitId')

  const plan: string[] = []
  await deploy(new StandinTarget(standin), DESIRED, { planOnly: true, migrations: migrationStep(getDb(), DATA_MIGRATIONS) }, (l) => plan.push(l))
  expect(plan.join('\n')).toMatch(/003-station-units cut short earlier: resumes \(1 run\(s\) so far\)/)

  const before = standin.requests.length
  const resumed = await deploy(new StandinTarget(standin), DESIRED, { migrations: migrationStep(getDb(), DATA_MIGRATIONS) }, quiet)
  expect(resumed.migrations).toEqual({ applied: ALL.slice(1), skipped: ['002-ledger-approval'], resumed: ['003-station-units'] })
  // 002 finds the entries without a status; 021 (the ledger's unit paths) reads entries by unit, never by status.
  expect(standin.requests.slice(before).some((r) => r.collectionName === 'disbursements' && JSON.stringify(r.query ?? '').includes('status'))).toBe(false)
  expect(records().get('003-station-units')).toMatchObject({ status: 'applied', runs: 2 })
  expect(standin.collections().get('stations')!.get('s2')).toMatchObject({ unitId: 'unit-b' })
  expect(standin.collections().get('problem_reports')!.get('r1')).toMatchObject({ unitId: 'unit-b' })
})

/** A migration that numbers 30 documents in _id order, saving the last one done after each. */
function numbering(calls: string[][]): CloudbaseMigration {
  return {
    id: '901-number-items',
    description: 'test: number the items',
    async run({ db, progress, saveProgress }) {
      const done: string[] = []
      calls.push(done)
      let after = String(progress?.after ?? '')
      for (;;) {
        const { data } = await db.collection('counters').where({ _id: db.command.gt(after) }).orderBy('_id', 'asc').limit(5).get()
        for (const doc of data) {
          await db.collection('counters').doc(doc._id).update({ numbered: true })
          done.push(doc._id)
        }
        if (!data.length) return { changed: done.length }
        after = data[data.length - 1]._id
        await saveProgress?.({ after })
      }
    },
  }
}

test('a run killed with its lock held: the next deploy waits out the lease, takes over and resumes from the saved progress', async () => {
  standin = await startStandin()
  useStandin(standin)
  await deploy(new StandinTarget(standin), DESIRED, {}, quiet)
  const db = getDb()
  for (let i = 0; i < 30; i++) await db.collection('counters').add({ _id: `item-${String(i).padStart(2, '0')}`, value: i })
  const calls: string[][] = []
  const list = [numbering(calls)]
  // The first deploy dies after 12 items (its progress says item-09: the last full batch); its lock stays behind.
  await expect(migrationStep(cutAt(db, 'counters', 13), list, { owner: 'deploy-A', leaseMs: 60_000 }).run(quiet)).rejects.toThrow('deploy killed')
  await db.collection('data_migrations').doc('_lock').update({ owner: 'deploy-A', until: Date.now() + 60_000 })
  expect(records().get('901-number-items')).toMatchObject({ status: 'running', progress: { after: 'item-09' } })

  let clock = Date.now()
  const lines: string[] = []
  const result = await migrationStep(db, list, { owner: 'deploy-B', now: () => clock, wait: async (ms) => void (clock += ms), pollMs: 20_000 }).run((l) => lines.push(l))
  expect(result).toEqual({ applied: ['901-number-items'], skipped: [], resumed: ['901-number-items'] })
  expect(lines.join('\n')).toMatch(/another deploy \(deploy-A\)[\s\S]*took over the migration lock of deploy-A[\s\S]*resuming 901-number-items \(run 2; saved progress \{"after":"item-09"\}\)/)
  expect(calls[1][0]).toBe('item-10')
  expect(calls[1]).toHaveLength(20)
  expect([...standin.collections().get('counters')!.values()].every((d) => d.numbered === true)).toBe(true)
  expect(records().get('901-number-items')).toMatchObject({ status: 'applied', runs: 2, progress: null, by: 'deploy-B' })
})

test('two deploys at once (with latency): each migration runs once; the second waits and finds them applied', async () => {
  standin = await startStandin({ latencyMs: 6, jitterMs: 4 })
  useStandin(standin)
  await deploy(new StandinTarget(standin), DESIRED, {}, quiet)
  const runs: string[] = []
  const list: CloudbaseMigration[] = ['004-a', '005-b', '006-c'].map((id) => ({
    id,
    description: id,
    async run({ db }) {
      runs.push(id)
      await db.collection('counters').add({ _id: id, value: 1 })
      return { changed: 1 }
    },
  }))
  const results = await Promise.all(['deploy-A', 'deploy-B'].map((owner) => migrationStep(getDb(), list, { owner, pollMs: 10 }).run(quiet)))
  expect(runs.sort()).toEqual(['004-a', '005-b', '006-c'])
  expect(results.map((r) => r.applied.length).sort()).toEqual([0, 3])
  expect(results.map((r) => r.skipped.length).sort()).toEqual([0, 3])
  expect([...records().values()].filter((r) => r._id !== '_lock').map((r) => [r._id, r.status])).toEqual([['004-a', 'applied'], ['005-b', 'applied'], ['006-c', 'applied']])
})

test('a database migrated by a newer release blocks deploy before any change', async () => {
  standin = await startStandin()
  useStandin(standin)
  await deploy(new StandinTarget(standin), DESIRED, {}, quiet)
  await getDb().collection('data_migrations').add({ _id: '099-from-the-future', status: 'applied', description: 'x' })
  const lines: string[] = []
  await expect(deploy(new StandinTarget(standin), DESIRED, { migrations: migrationStep(getDb(), DATA_MIGRATIONS) }, (l) => lines.push(l))).rejects.toThrow(/1 blocker/)
  expect(lines.join('\n')).toMatch(/BLOCKED {2}099-from-the-future is recorded in the database but not in this code/)
  expect(records().get('002-ledger-approval')).toBeUndefined()
})

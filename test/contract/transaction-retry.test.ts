/**
 * Transient CloudBase transaction conflicts are retried inside the store with jittered backoff;
 * only a stale version the caller acted on is CONFLICT. Concurrent callers through the real SDK
 * against the strict stand-in with 10 ms on every database request.
 */
import { AppError } from '../../src/domain/contract'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { backoffMs, TRANSACTION_RETRY } from '../../server/adapters/cloudbase/retry'
import type { Store } from '../../server/ports'
import { getDraft, saveDraft } from '../../server/usecases/applicant/drafts'
import { auditRead } from '../../server/usecases/shared/audit'
import { findAuditBreak } from '../../server/usecases/shared/audit-check'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { formValues, seedTestUnits, sqliteDeps, TEST_POLICY } from '../support/deps'

let standin: Standin
beforeAll(async () => {
  standin = await startDeployedStandin({ latencyMs: 10 })
  useStandin(standin)
})
afterAll(() => standin.close())
beforeEach(() => standin.reset())

const STALE = '这条记录已被他人修改，请刷新'
const BUSY = '当前办理的人较多，请稍后重试'

/** What each caller got: its value, or the code and message of its error. */
const settle = <T>(calls: Promise<T>[]) => Promise.all(calls.map((c) => c.then((value) => ({ value }), (err: AppError) => ({ code: err.code, message: err.message }))))

test('12 callers on one document all land, one after the other', async () => {
  const store = createCloudbaseStore()
  const bump = () => store.transaction((r) => r.counters.next('shared'))
  const results = await settle(Array.from({ length: 12 }, bump))
  expect(results.map((r) => ('value' in r ? r.value : r.code)).sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
})

test('the SDK’s own policy (4 attempts at once, no pause) turns the same load into busy replies', async () => {
  const store = createCloudbaseStore({ attempts: 4, baseMs: 0, maxMs: 0 })
  const results = await settle(Array.from({ length: 12 }, () => store.transaction((r) => r.counters.next('shared'))))
  expect(results.filter((r) => 'code' in r && r.code === 'CONFLICT' && r.message === BUSY).length).toBeGreaterThan(0)
})

/** Reads the record's version and writes the next one only if the caller acted on the version it read. */
async function edit(store: Store, actedOn: number): Promise<number> {
  return store.transaction(async (r) => {
    const current = (await r.policies.get('unit-root'))!
    const version = Number(current.publicityDays)
    if (version !== actedOn) throw new AppError('CONFLICT', STALE)
    await r.policies.put({ ...current, publicityDays: version + 1 })
    return version + 1
  })
}

test('two callers acting on the same version: one lands, the retried one sees the new version and gets the stale CONFLICT', async () => {
  const store = createCloudbaseStore()
  await store.repos.policies.put({ ...TEST_POLICY, publicityDays: 1 })
  const results = await settle([edit(store, 1), edit(store, 1)])
  expect(results).toEqual(expect.arrayContaining([{ value: 2 }, { code: 'CONFLICT', message: STALE }]))
  expect((await store.repos.policies.get('unit-root'))!.publicityDays).toBe(2)
})

test('backoff is jittered within an exponential ceiling', () => {
  expect([1, 2, 3, 10].map((n) => backoffMs(TRANSACTION_RETRY, n, () => 1))).toEqual([15, 30, 60, 800])
  expect(backoffMs(TRANSACTION_RETRY, 5, () => 0)).toBe(0)
  expect(backoffMs(TRANSACTION_RETRY, 5, () => 0.5)).toBe(120)
})

test('audited reads start no transaction: 10 workers read their drafts at once, all audited in their own streams', async () => {
  const t = sqliteDeps(createCloudbaseStore())
  await seedTestUnits(t.deps.store)
  const worker = (i: number) => ({ openid: `o-w${i}`, roles: ['worker' as const] })
  await Promise.all(Array.from({ length: 10 }, (_, i) => saveDraft(t.deps, worker(i), { values: formValues(), step: 'applicant' })))
  standin.requests.length = 0
  const reads = await Promise.all(Array.from({ length: 10 }, (_, i) => getDraft(t.deps, worker(i))))
  expect(reads.every((r) => r.draft !== null)).toBe(true)
  expect(standin.requests.filter((q) => q.action === 'database.startTransaction')).toEqual([])
  const events = (await t.deps.store.repos.audit.list(null, 100)).filter((e) => e.action === 'application.draft.read')
  expect(new Set(events.map((e) => e.stream)).size).toBe(10)
  expect(await findAuditBreak(t.deps.store.repos, t.deps.cipher)).toBeNull()
  await t.close()
})

test('8 audited reads of one record at once: each takes the next seq of its stream', async () => {
  const t = sqliteDeps(createCloudbaseStore())
  const reads = Array.from({ length: 8 }, (_, i) => auditRead(t.deps, { actor: `o-staff-${i}`, action: 'application.reveal', subject: 'app-1', detail: { field: 'applicant.phone' } }))
  expect((await Promise.all(reads)).map((e) => e.seq).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  expect(await t.deps.store.repos.audit.head('application:app-1')).toMatchObject({ seq: 8 })
  expect(await findAuditBreak(t.deps.store.repos, t.deps.cipher)).toBeNull()
  await t.close()
})

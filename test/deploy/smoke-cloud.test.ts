/**
 * `npm run smoke:cloud` against the stand-in with the built functions: the script calls them
 * through the real SDK's `callFunction` (no OPENID, as from the operator's machine), the stand-in
 * runs each call in a plain Node process as CloudBase would, and the smoke pass is the only way in.
 * Checked: every step passes, cleanup leaves none of the run's documents but the closed run record
 * and the audit events (the chain intact, the cleanup listed), and a pass that is wrong, expired,
 * closed or sent from the mini-program grants nothing.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { getApp, getDb } from '../../server/adapters/cloudbase/sdk'
import { createCipher } from '../../server/adapters/node-cipher'
import type { Deps } from '../../server/ports'
import { randomIds, systemClock } from '../../server/runtime'
import { findAuditBreak } from '../../server/usecases/shared/audit-check'
import { runJourneys } from '../../scripts/smoke/journeys'
import { closeSmokeRun, openSmokeRun } from '../../scripts/smoke/session'
import { smokeCloud } from '../../scripts/smoke/run'
import type { ApiReply } from '../../src/domain'
import type { Standin } from '../cloudbase-standin'
import { cloudEnv, runBundle } from '../support/built-function'
import { startDeployedStandin, useStandin } from '../support/cloudbase-standin'
import { seedTestUnits } from '../support/deps'

const root = resolve(__dirname, '../..')
const dataKey = randomBytes(32)
let standin: Standin
let deps: Deps
/** The mini-program's OPENID for the next calls; undefined for calls through the API, as the script makes them. */
let openid: string | undefined

const call = async (name: string, data: object) => (await getApp().callFunction({ name, data })).result as ApiReply<unknown>
const docs = (collection: string) => [...(standin.collections().get(collection)?.values() ?? [])]

beforeAll(async () => {
  execFileSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/build-functions.ts'], { cwd: root, stdio: 'pipe' })
  standin = await startDeployedStandin({
    functions: async (name, event) => {
      const env = cloudEnv(standin.url, { LANTIAN_DATA_KEY: dataKey.toString('base64'), WX_OPENID: openid })
      return (await runBundle(join(root, 'cloudfunctions', name, 'index.js'), [event], env, root)).replies[0]
    },
  })
  useStandin(standin)
  deps = { store: createCloudbaseStore(), clock: systemClock, ids: randomIds, cipher: createCipher(dataKey), settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files: undefined as never }
  await seedTestUnits(deps.store)
}, 120_000)
afterAll(async () => {
  await deps.store.close()
  await standin.close()
})

test('each role’s journey passes through the built functions, printed with times; cleanup removes what it made and is audited', async () => {
  const lines: string[] = []
  const outcome = await smokeCloud(deps, getDb(), call, 'unit-root', 'it-laptop', (l) => lines.push(l))
  expect(outcome.results.map((r) => [r.role, r.step, r.ok])).toEqual([
    ['worker', 'signs in', true],
    ['worker', 'submits an application', true],
    ['worker', 'sees it in 我的申请', true],
    ['caseworker', 'finds it in the queue', true],
    ['caseworker', 'starts screening', true],
    ['caseworker', 'accepts the screening', true],
    ['admin', 'opens the dashboard', true],
  ])
  expect(outcome.ok).toBe(true)
  expect(lines.filter((l) => /^ok {4}(worker|caseworker|admin) .* \d+ ms {2}\S/.test(l))).toHaveLength(7)
  expect(lines.join('\n')).toMatch(/submits an application .* ms {2}MLS-\d{4}-\d{6} submitted/)
  expect(lines.join('\n')).toMatch(/accepts the screening .* ms {2}visiting/)

  // Nothing of the run is left but its closed record and the audit log.
  expect(docs('applications')).toEqual([])
  expect(docs('claims')).toEqual([])
  expect(docs('messages')).toEqual([])
  expect(docs('outbox')).toEqual([])
  expect(docs('idempotency')).toEqual([])
  expect(docs('rate_limits')).toEqual([])
  expect(docs('staff')).toEqual([])
  expect(docs('org_units').map((u) => u._id).sort()).toEqual(['unit-532504001', 'unit-root'])
  const [run] = docs('smoke_runs')
  expect(run).toMatchObject({ _id: outcome.run, status: 'closed', by: 'it-laptop' })
  expect(run.removed).toEqual(outcome.removed)
  expect(outcome.removed).toEqual(expect.arrayContaining([expect.stringMatching(/^applications\//), expect.stringMatching(/^claims\//), `staff/${outcome.run}-caseworker`, `org_units/${outcome.run}-unit`]))
  const actions = docs('audit_events').map((e) => [e.action, e.actor])
  expect(actions[0]).toEqual(['smoke.open', 'smoke:it-laptop'])
  expect(actions).toContainEqual(['application.submit', `${outcome.run}-worker`])
  expect(actions[actions.length - 1]).toEqual(['smoke.close', 'smoke:it-laptop'])
  expect(await findAuditBreak(deps.store.repos, deps.cipher)).toBeNull()
  // Its token is gone with it: the closed run admits nobody.
  expect(JSON.stringify(run)).not.toMatch(/"token"/)
}, 120_000)

test('a smoke pass grants nothing when wrong, expired, closed, or sent from the mini-program', async () => {
  const session = await openSmokeRun(deps, getDb(), 'unit-root', 'it-laptop')
  const me = (pass: object) => call('account', { action: 'me', input: {}, smoke: pass })
  expect(await me(session.pass('caseworker'))).toMatchObject({ ok: true, data: { roles: expect.arrayContaining(['caseworker']) } })
  expect(await me({ ...session.pass('caseworker'), token: randomBytes(32).toString('base64url') })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  expect(await me({ ...session.pass('caseworker'), run: 'smoke-20260101-000000000000' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  // From the mini-program the caller's own OPENID counts, whatever the event says.
  openid = 'o-real-worker'
  try {
    expect(await me(session.pass('admin'))).toEqual({ ok: true, data: { roles: ['worker'] } })
  } finally {
    openid = undefined
  }
  await getDb().collection('smoke_runs').doc(session.run).update({ expiresAt: new Date(Date.now() - 1000).toISOString() })
  expect(await me(session.pass('caseworker'))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  await getDb().collection('smoke_runs').doc(session.run).update({ expiresAt: new Date(Date.now() + 60_000).toISOString() })
  await closeSmokeRun(deps, getDb(), session, 'it-laptop')
  expect(await me(session.pass('caseworker'))).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
}, 120_000)

test('a smoke test killed after the submit leaves its run open; once it expired, the next run cleans it up', async () => {
  const killed = await openSmokeRun(deps, getDb(), 'unit-root', 'it-laptop')
  let calls = 0
  const dying = async (name: string, data: object) => {
    if (++calls > 2) throw new Error('killed')
    return call(name, data)
  }
  const results = await runJourneys(dying, killed, () => new Date(), () => undefined)
  expect(results.map((r) => [r.step, r.ok])).toEqual([['signs in', true], ['submits an application', true], ['sees it in 我的申请', false]])
  expect(docs('applications')).toHaveLength(1)
  expect(docs('smoke_runs').find((r) => r._id === killed.run)).toMatchObject({ status: 'open', applications: killed.applications })
  await getDb().collection('smoke_runs').doc(killed.run).update({ expiresAt: new Date(Date.now() - 1000).toISOString() })

  const lines: string[] = []
  const next = await smokeCloud(deps, getDb(), call, 'unit-root', 'it-laptop', (l) => lines.push(l))
  expect(next.ok).toBe(true)
  expect(lines[0]).toBe(`Closed 1 earlier run(s) an interrupted smoke test left open: ${killed.run}`)
  for (const c of ['applications', 'claims', 'messages', 'outbox', 'idempotency', 'rate_limits', 'staff']) expect([c, docs(c)]).toEqual([c, []])
  expect(docs('smoke_runs').map((r) => r.status)).toEqual(expect.arrayContaining(['closed']))
  expect(docs('org_units').map((u) => u._id).sort()).toEqual(['unit-532504001', 'unit-root'])
  expect(docs('smoke_runs').some((r) => r.status === 'open')).toBe(false)
  expect(await findAuditBreak(deps.store.repos, deps.cipher)).toBeNull()
}, 120_000)

test('a smoke run under a unit that does not exist writes nothing and is closed at once', async () => {
  const before = docs('smoke_runs').length
  await expect(openSmokeRun(deps, getDb(), 'unit-nowhere', 'it-laptop')).rejects.toThrow('no unit unit-nowhere: pass --root <the id of your top unit>')
  const runs = docs('smoke_runs')
  expect(runs).toHaveLength(before + 1)
  expect(runs.every((r) => r.status === 'closed')).toBe(true)
  expect(docs('staff')).toEqual([])
  expect(docs('org_units')).toHaveLength(2)
})

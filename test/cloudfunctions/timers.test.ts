/**
 * The bundled `timers` function (wx-server-sdk inside), loaded in a plain Node process as CloudBase
 * would run it on its timer, against the loopback stand-in. No WeChat call is made: with no
 * template set in any policy, every due entry is closed as in-app only, which is the path that can
 * be proven offline (the subscribe-message wire is multipart + protobuf to WeChat).
 */
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { bundleFunction } from '../../scripts/build-functions'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { createCipher } from '../../server/adapters/node-cipher'
import { appendAudit } from '../../server/usecases/shared/audit'
import { householdRecord } from '../support/household-records'
import { resetSdk } from '../../server/adapters/cloudbase/sdk'
import type { Standin } from '../cloudbase-standin'
import { startDeployedStandin } from '../support/cloudbase-standin'
import { tempDir, TEST_POLICY } from '../support/deps'

let standin: Standin
let bundle: string
let cleanup: () => void

beforeAll(async () => {
  const tmp = tempDir('lantian-timers-')
  cleanup = tmp.cleanup
  bundle = join(tmp.dir, 'index.js')
  await bundleFunction('timers', bundle)
  Object.assign(process.env, { TENCENTCLOUD: 'true', SILENCE: 'true', TCB_ENV: 'test-env', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y' })
  standin = await startDeployedStandin()
  process.env.LANTIAN_TCB_SERVICE_URL = standin.url
  resetSdk()
}, 60000)
afterAll(async () => {
  await standin.close()
  cleanup()
})

const RUNNER = `
const { main } = require(process.argv[1])
main(JSON.parse(process.argv[2]), {}).then((r) => process.stdout.write('\\nRESULT ' + JSON.stringify(r)))
`

const TIMER_EVENT = { Type: 'Timer', TriggerName: 'deliver-outbox', Time: '2026-03-02T02:00:00Z' }

/** One invocation of the bundle; `caller` puts an OPENID in the context, as a call from the mini-program does. */
function runTimer(event: unknown = TIMER_EVENT, caller?: string): Promise<unknown> {
  const env = {
    ...(caller ? { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: caller, WX_APPID: 'wx-test-app' } : {}),
    PATH: process.env.PATH ?? '',
    TENCENTCLOUD: 'true',
    SILENCE: 'true',
    TCB_ENV: 'test-env',
    TENCENTCLOUD_SECRETID: 'x',
    TENCENTCLOUD_SECRETKEY: 'y',
    LANTIAN_DATA_KEY: randomBytes(32).toString('base64'),
    LANTIAN_TCB_SERVICE_URL: standin.url,
  }
  return new Promise((done, fail) =>
    execFile(process.execPath, ['-e', RUNNER, bundle, JSON.stringify(event)], { env: env as unknown as NodeJS.ProcessEnv, timeout: 20000, encoding: 'utf8' }, (err, out, stderr) => (err ? fail(new Error(`${err.message}\n${stderr}`)) : done(JSON.parse(out.split('\nRESULT ')[1] ?? 'null')))),
  )
}

test('anything but its timer trigger is refused with nothing done and no report: a mini-program call, another trigger, a forged timer event', async () => {
  const store = createCloudbaseStore()
  const base = { kind: 'status-changed' as const, recipientOpenid: 'o-worker', payload: { number: 'MLS-2026-000001', status: 'filed' }, status: 'pending' as const, attempts: 0, createdAt: '2026-03-02T02:00:00.000Z', sentAt: null, lastError: null }
  await store.repos.outbox.enqueue({ ...base, key: 'untouched', nextAttemptAt: '2026-03-02T02:00:00.000Z' })
  const refused = { error: 'refused: timers runs on its timer trigger only' }
  expect(await runTimer({ action: 'run' }, 'o-curious-user')).toEqual(refused)
  expect(await runTimer(TIMER_EVENT, 'o-curious-user')).toEqual(refused)
  expect(await runTimer({ Type: 'Timer', TriggerName: 'other-trigger' })).toEqual(refused)
  expect(await runTimer({})).toEqual(refused)
  expect(await store.repos.outbox.get('untouched')).toMatchObject({ status: 'pending', attempts: 0 })
  standin.reset()
}, 30000)

test('a timer run closes due entries (no template set: in-app only, reason kept) and leaves entries not yet due', async () => {
  const store = createCloudbaseStore()
  const base = { kind: 'status-changed' as const, recipientOpenid: 'o-worker', payload: { number: 'MLS-2026-000001', status: 'submitted' }, status: 'pending' as const, attempts: 0, createdAt: '2026-03-02T02:00:00.000Z', sentAt: null, lastError: null }
  await store.repos.outbox.enqueue({ ...base, key: 'due-1', nextAttemptAt: '2026-03-02T02:00:00.000Z' })
  await store.repos.outbox.enqueue({ ...base, key: 'future', nextAttemptAt: '2999-01-01T00:00:00.000Z' })
  expect(await runTimer()).toEqual({ due: 1, sent: 0, skipped: 1, retrying: 0, failed: 0, busy: 0, noticesEnded: 0, remindersQueued: 0, callsOpened: 0, uploadsRemoved: 0, draftsDeleted: 0, draftsWarned: 0, retention: {}, auditAnchor: null, figuresFolded: 0, exportJobsSwept: 0, exportParts: 0 })
  expect(await store.repos.outbox.get('due-1')).toMatchObject({ status: 'skipped', attempts: 1, lastError: 'in-app only: no subscribe template is set for statusChanged', leaseId: null })
  expect(await store.repos.outbox.get('future')).toMatchObject({ status: 'pending', attempts: 0 })
}, 30000)

test('a timer run anchors the audit streams once an hour and sends the anchor to the admins of the top unit', async () => {
  standin.reset()
  const store = createCloudbaseStore()
  const cipher = createCipher(randomBytes(32))
  await store.repos.units.put({ id: 'unit-root', name: '弥勒市总工会', parentId: null, path: ['unit-root'] })
  await store.repos.staff.put({ openid: 'o-admin', displayName: '管理员', unitId: 'unit-root', roles: ['admin'], active: true })
  for (const subject of ['app-1', 'app-2']) await store.transaction((r) => appendAudit(r, cipher, new Date(), { actor: 'o-worker', action: 'application.submit', subject }))
  expect(await runTimer()).toMatchObject({ auditAnchor: 1 })
  expect(await runTimer()).toMatchObject({ auditAnchor: null })
  const anchor = (await store.repos.audit.lastAnchor())!
  expect(anchor.heads.map((h) => h.stream)).toEqual(['application:app-1', 'application:app-2'])
  const { items } = await store.repos.messages.listFor('o-admin', { offset: 0, limit: 10 })
  expect(items.map((m) => m.title)).toEqual(['审计锚点 第1号'])
  expect(items[0].body).toContain(anchor.hash)
}, 30000)

test('a timer run applies the retention schedule and reports each kind set with its count', async () => {
  standin.reset()
  const store = createCloudbaseStore()
  await store.repos.units.put({ id: 'unit-root', name: '弥勒市总工会', parentId: null, path: ['unit-root'] })
  await store.repos.policies.put({ ...TEST_POLICY, retention: { messages: 180, contactNotes: 365 } })
  const old = new Date(Date.now() - 200 * 86_400_000).toISOString()
  await store.repos.messages.add({ id: 'm-old', openid: 'o-worker', title: '审核结果', body: '已通过', applicationId: null, createdAt: old, readAt: null })
  await store.repos.messages.add({ id: 'm-new', openid: 'o-worker', title: '审核结果', body: '已通过', applicationId: null, createdAt: new Date().toISOString(), readAt: null })
  expect(await runTimer()).toMatchObject({ retention: { messages: 1, contactNotes: 0 } })
  expect((await store.repos.messages.listFor('o-worker', { offset: 0, limit: 5 })).items.map((m) => m.id)).toEqual(['m-new'])
}, 30000)

test('a timer run writes the parts of an export job nobody polls, puts the file together in storage and hands it over', async () => {
  standin.reset()
  const store = createCloudbaseStore()
  await store.repos.units.put({ id: 'unit-root', name: '弥勒市总工会', parentId: null, path: ['unit-root'] })
  await store.repos.staff.put({ openid: 'o-reviewer', displayName: '周敏', unitId: 'unit-root', roles: ['reviewer'], active: true })
  for (const id of ['h1', 'h2', 'h3']) await store.repos.households.insert(householdRecord(id, { unitId: 'unit-root' }))
  const now = new Date().toISOString()
  await store.repos.exportJobs.add({
    id: 'job-timer', openid: 'o-reviewer', kind: 'households', format: 'xlsx', masked: true, reason: null, unitId: 'unit-root', requestId: null, createdAt: now, updatedAt: now,
    state: 'running', total: 3, done: 0, cursor: { after: null }, scanned: false, widths: null, parts: [], lease: null, file: null, error: null,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(), version: 1,
  })
  expect(await runTimer()).toMatchObject({ exportParts: 1, exportJobsSwept: 0 })
  const job = (await store.repos.exportJobs.get('job-timer'))!
  expect(job).toMatchObject({ state: 'ready', done: 3, parts: [], lease: null, file: { rows: 3, fileName: expect.stringMatching(/^households-.*\.xlsx$/) } })
  const stored = [...standin.storage.entries()].filter(([path]) => path.includes('exports/'))
  expect(stored).toHaveLength(1)
  expect(stored[0][1].subarray(0, 2)).toEqual(Buffer.from('PK'))
  expect((await store.repos.audit.list(null, 100)).filter((e) => e.action === 'household.export').map((e) => [e.actor, e.detail.rows, e.detail.job])).toEqual([['o-reviewer', 3, 'job-timer']])
}, 30000)

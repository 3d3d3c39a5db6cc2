/** The built applicant function with its keys in KMS: the configuration holds blobs, the role's credentials open them once per container. */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { resetSdk } from '../../server/adapters/cloudbase/sdk'
import type { Standin } from '../cloudbase-standin'
import { cloudEnv, runBundle } from '../support/built-function'
import { startDeployedStandin } from '../support/cloudbase-standin'
import { seedTestUnits, submission } from '../support/deps'
import { startKeyServiceStandin, type KeyServiceStandin } from './kms-standin'

const root = resolve(__dirname, '../..')
const bundle = join(root, 'cloudfunctions/applicant/index.js')
// The credentials cloudEnv gives every function, plus the session token of a role's temporary keys.
const ROLE = { secretId: 'x', secretKey: 'y', token: 'role-session-token' }
let standin: Standin
let kms: KeyServiceStandin

beforeAll(async () => {
  execFileSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/build-functions.ts'], { cwd: root, stdio: 'pipe' })
  standin = await startDeployedStandin()
  kms = await startKeyServiceStandin(ROLE)
  Object.assign(process.env, { TENCENTCLOUD: 'true', SILENCE: 'true', TCB_ENV: 'test-env', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y', LANTIAN_TCB_SERVICE_URL: standin.url })
  resetSdk()
  await seedTestUnits(createCloudbaseStore())
}, 90_000)
afterAll(async () => {
  await standin.close()
  await kms.close()
})

const kmsEnv = (over: Record<string, string | undefined> = {}) =>
  cloudEnv(standin.url, {
    WX_OPENID: 'o-kms-worker',
    TENCENTCLOUD_SESSIONTOKEN: ROLE.token,
    LANTIAN_DATA_KEY: undefined,
    LANTIAN_KEY_SOURCE: 'kms',
    LANTIAN_KEY_ENDPOINT: kms.url,
    LANTIAN_DATA_KEYS: JSON.stringify({ current: 2, keys: { 1: kms.encrypt(randomBytes(32), { lantian: 'data', version: '1' }), 2: kms.encrypt(randomBytes(32), { lantian: 'data', version: '2' }) } }),
    LANTIAN_AUDIT_KEY_BLOB: kms.encrypt(randomBytes(32), { lantian: 'audit' }),
    ...over,
  })

test('submit and list in one warm container: keys decrypted once at the cold start, values sealed under the current version', async () => {
  kms.calls.length = 0
  const { replies } = await runBundle(bundle, [{ action: 'submit', input: submission(), requestId: 'req-kms-0001' }, { action: 'listMine', input: {} }], kmsEnv(), root)
  expect(replies).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true, data: expect.objectContaining({ items: [expect.objectContaining({ status: 'submitted' })] }) })])
  expect(kms.calls).toEqual([{ action: 'Decrypt', ok: true }, { action: 'Decrypt', ok: true }, { action: 'Decrypt', ok: true }])
  const { items } = await createCloudbaseStore().repos.applications.listByApplicant('o-kms-worker', { offset: 0, limit: 5 })
  expect(items[0].idNumberEnc).toMatch(/^v2\./)
  expect(items[0].idNumberHash).toMatch(/k2$/)
})

test('a blob KMS will not open gives the configuration reply and one log line naming the source, no blob and no stack', async () => {
  const bad = 'not-a-blob-of-this-cmk'
  const { replies, stderr } = await runBundle(bundle, [{ action: 'listMine', input: {} }], kmsEnv({ LANTIAN_AUDIT_KEY_BLOB: bad }), root)
  expect(replies[0]).toEqual({ ok: false, error: { code: 'INTERNAL', message: '系统配置不完整，请联系管理员' } })
  expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('the keys could not be loaded (kms)')])
  expect(stderr).not.toContain(bad)
  expect(stderr).not.toMatch(/\n\s+at /)
})

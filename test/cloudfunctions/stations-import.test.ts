/**
 * The station import as CloudBase runs it: the bundled `stations` function (with its reading
 * thread bundled beside it as sheet-worker.js) in a plain Node process, the real SDK against the
 * stand-in, the file put in storage as wx.cloud.uploadFile would. The call carries the file id,
 * never the file: the event stays far under the 100 KB WeChat advises.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bundleFunction } from '../../scripts/build-functions'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { resetSdk } from '../../server/adapters/cloudbase/sdk'
import type { Standin } from '../cloudbase-standin'
import { cloudEnv, runBundle } from '../support/built-function'
import { startDeployedStandin } from '../support/cloudbase-standin'
import { seedTestUnits } from '../support/deps'
import { hostileFiles } from '../support/hostile-sheets'
import { stationImportFile } from '../support/stations'

const ADMIN = 'o-admin-1'
let standin: Standin
let dir: string
let bundle: string
const dataKey = randomBytes(32).toString('base64')

const invoke = async (events: unknown[]) => (await runBundle(bundle, events, cloudEnv(standin.url, { WX_OPENID: ADMIN, LANTIAN_DATA_KEY: dataKey }), dir)).replies

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantian-stations-'))
  bundle = join(dir, 'index.js')
  await bundleFunction('stations', bundle)
  standin = await startDeployedStandin()
}, 60_000)
afterAll(() => {
  standin.close()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(async () => {
  standin.reset()
  Object.assign(process.env, { TENCENTCLOUD: 'true', SILENCE: 'true', TCB_ENV: 'test-env', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y', LANTIAN_TCB_SERVICE_URL: standin.url })
  resetSdk()
  const store = createCloudbaseStore()
  await seedTestUnits(store)
  await store.repos.staff.put({ openid: ADMIN, displayName: '管理员', unitId: 'unit-root', roles: ['admin'], active: true })
})

/** prepareImport, then the file put where it says, as the mini-program uploads it; the file id. */
async function upload(bytes: Uint8Array): Promise<string> {
  const [prepared] = (await invoke([{ action: 'prepareImport', input: {} }])) as [{ ok: true; data: { cloudPath: string } }]
  standin.storage.set(prepared.data.cloudPath, Buffer.from(bytes))
  return `cloud://test-env.7465-test-env-1250000000/${prepared.data.cloudPath}`
}

describe('the built stations function imports from storage', () => {
  test('the reading thread is bundled beside the function', () => {
    expect(existsSync(join(dir, 'sheet-worker.js'))).toBe(true)
  })

  test('1,000 rows: a dry run and the import, each event under 2 KB; the file is deleted after the import', async () => {
    const bytes = await stationImportFile(1000, 'csv')
    expect(bytes.length).toBeGreaterThan(100 * 1024)
    const fileId = await upload(bytes)
    const events = [
      { action: 'import', input: { format: 'csv', fileId, dryRun: true }, requestId: 'req-import-dry-0001' },
      { action: 'import', input: { format: 'csv', fileId, coordSystem: 'gcj02', dryRun: false }, requestId: 'req-import-real-001' },
    ]
    for (const event of events) expect(Buffer.byteLength(JSON.stringify(event))).toBeLessThan(2048)
    const [dry, real] = await invoke(events)
    expect(dry).toMatchObject({ ok: true, data: { dryRun: true, rows: 1000, created: 1000, problems: [] } })
    expect(real).toMatchObject({ ok: true, data: { applied: true, rows: 1000, created: 1000 } })
    expect(standin.storage.has(fileId.replace(/^cloud:\/\/[^/]+\//, ''))).toBe(false)
    expect(standin.collections().get('stations')?.size).toBe(1000)
  }, 60_000)

  test('a hostile workbook is refused by the bundled thread with its message, and deleted', async () => {
    const file = hostileFiles().find((f) => f.name === 'xfd1-row-1048576.xlsx')!
    const fileId = await upload(file.bytes)
    const [reply] = await invoke([{ action: 'import', input: { format: 'xlsx', fileId, dryRun: true } }])
    expect(reply).toEqual({ ok: false, error: { code: 'VALIDATION', message: file.message, field: 'fileId' } })
    expect(standin.storage.size).toBe(0)
  })
})

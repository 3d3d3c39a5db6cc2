/**
 * Upload records on both stores (SQLite with the local file folder; CloudBase through the real SDK
 * into the stand-in with its storage): the records stay until the timer's sweep, registered or not,
 * and are the count of the upload rate limit (no rate document); the sweep deletes the file of an
 * upload never registered, keeps a registered one, and forgets the records in one request.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { cloudbaseFileStore } from '../../server/adapters/cloudbase/file-store'
import { localFileStore } from '../../server/adapters/files/local-file-store'
import { createCipher } from '../../server/adapters/node-cipher'
import { randomIds } from '../../server/runtime'
import type { Actor } from '../../src/domain'
import type { Deps, Store } from '../../server/ports'
import { saveDraft } from '../../server/usecases/applicant/drafts'
import { prepareUpload, registerDocument } from '../../server/usecases/applicant/documents'
import { RATE_RULES } from '../../server/usecases/shared/rate-limit'
import { removeStaleUploads, UPLOAD_TTL_MS } from '../../server/usecases/shared/uploads'
import { formValues, seedTestUnits, tempDir, TestClock } from '../support/deps'
import { JPEG } from '../support/review'
import { contractStores } from './stores'

const { factories, standin } = contractStores()
const MINUTE = 60_000
const worker = (openid: string): Actor => ({ openid, roles: ['worker'] })
const meta = (applicationId: string) => ({ applicationId, kind: 'id-card' as const, fileName: '身份证.jpg' })
/** What a call gave: ok, or its error's code and message. */
const outcome = (call: Promise<unknown>) => call.then(() => 'ok', (err: { code: string; message: string }) => `${err.code} ${err.message}`)

describe.each(factories)('upload records (%s)', (name, open) => {
  let store: Store
  let close: () => Promise<void>
  let deps: Deps
  let clock: TestClock
  let cleanup: () => void
  beforeEach(async () => {
    ;({ store, close } = open())
    const dir = tempDir()
    cleanup = dir.cleanup
    clock = new TestClock()
    const files = name === 'cloudbase' ? cloudbaseFileStore() : localFileStore(join(dir.dir, 'files'), randomBytes(32))
    deps = { store, clock, ids: randomIds, cipher: createCipher(randomBytes(32)), settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' }, files }
    await seedTestUnits(store)
  })
  afterEach(async () => {
    standin().limits.latencyMs = 0
    await close()
    cleanup()
  })

  const draftOf = async (openid: string) => (await saveDraft(deps, worker(openid), { values: formValues(), step: 'documents' })).id
  /** prepareUpload, then the file put where it says, as wx.cloud.uploadFile does: the file id. */
  const uploaded = async (openid: string, id: string) => deps.files.put((await prepareUpload(deps, worker(openid), meta(id))).cloudPath, JPEG, 'image/jpeg')

  test('the 31st upload in ten minutes is RATE_LIMITED, registered uploads counting too; another person is not; the window passes', async () => {
    const id = await draftOf('w1')
    const keys: string[] = []
    for (let i = 0; i < RATE_RULES.upload.limit; i++) keys.push(await uploaded('w1', id))
    for (const key of keys.slice(0, 5)) await registerDocument(deps, worker('w1'), { ...meta(id), fileId: key })
    expect(await outcome(prepareUpload(deps, worker('w1'), meta(id)))).toBe('RATE_LIMITED 操作太频繁，请 10 分钟后再试')
    expect(await outcome(prepareUpload(deps, worker('w2'), meta(await draftOf('w2'))))).toBe('ok')
    clock.advance(9 * MINUTE + 30_000)
    expect(await outcome(prepareUpload(deps, worker('w1'), meta(id)))).toBe('RATE_LIMITED 操作太频繁，请 30 秒后再试')
    // The refused ones took their records back: the window's 30 and none more.
    expect((await store.repos.uploads.olderThan('9999', 100)).filter((u) => u.openid === 'w1')).toHaveLength(RATE_RULES.upload.limit)
    clock.advance(30_000)
    expect(await outcome(prepareUpload(deps, worker('w1'), meta(id)))).toBe('ok')
  })

  test('40 uploads of one person at once: at most 30 get a path, only those are recorded, the others are RATE_LIMITED', async () => {
    if (name === 'cloudbase') standin().limits.latencyMs = 10
    const id = await draftOf('w3')
    const results = await Promise.all(Array.from({ length: 40 }, () => outcome(prepareUpload(deps, worker('w3'), meta(id)))))
    const ok = results.filter((r) => r === 'ok').length
    expect(ok).toBeLessThanOrEqual(RATE_RULES.upload.limit)
    expect(results.filter((r) => r !== 'ok').every((r) => r.startsWith('RATE_LIMITED 操作太频繁'))).toBe(true)
    expect((await store.repos.uploads.olderThan('9999', 100)).filter((u) => u.openid === 'w3')).toHaveLength(ok)
  })

  test('a day later the sweep deletes the file never registered, keeps the registered one, and forgets both records in one request', async () => {
    const id = await draftOf('w4')
    const orphan = await uploaded('w4', id)
    const registered = await uploaded('w4', id)
    await registerDocument(deps, worker('w4'), { ...meta(id), fileId: registered })
    // Registering writes the application and its audit event only: the upload's record stays.
    expect((await store.repos.uploads.olderThan('9999', 10)).map((u) => u.key).sort()).toEqual([orphan, registered].sort())
    clock.advance(UPLOAD_TTL_MS - 1000)
    expect(await removeStaleUploads(deps, 50)).toBe(0)
    expect(await deps.files.get(orphan, 100)).not.toBeNull()
    clock.advance(2000)
    const before = name === 'cloudbase' ? standin().requests.length : 0
    expect(await removeStaleUploads(deps, 50)).toBe(1)
    if (name === 'cloudbase') {
      const removes = standin().requests.slice(before).filter((q) => q.action === 'database.removeDocument' && q.collectionName === 'uploads')
      expect(removes).toHaveLength(1)
    }
    expect(await deps.files.get(orphan, 100)).toBeNull()
    expect(await deps.files.get(registered, 100)).not.toBeNull()
    expect(await store.repos.uploads.olderThan('9999', 10)).toEqual([])
    expect((await store.repos.applications.get(id))!.documents!.map((d) => d.storageKey)).toEqual([registered])
  })
})

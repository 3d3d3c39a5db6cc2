import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import { DEFAULT_MESSAGES } from '../../src/domain'
import { createCloudbaseStore } from '../../server/adapters/cloudbase'
import { resetSdk } from '../../server/adapters/cloudbase/sdk'
import type { Standin } from '../cloudbase-standin'
import { cloudEnv, runBundle } from '../support/built-function'
import { startDeployedStandin } from '../support/cloudbase-standin'
import { seedTestUnits, submission } from '../support/deps'

const root = resolve(__dirname, '../..')
const bundle = join(root, 'cloudfunctions/applicant/index.js')

const validForm = submission()

let standin: Standin

const invoke = (events: unknown[], env: Record<string, string | undefined>) => runBundle(bundle, events, cloudEnv(standin.url, env), root)

beforeAll(async () => {
  execFileSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/build-functions.ts'], { cwd: root, stdio: 'pipe' })
  standin = await startDeployedStandin()
}, 60000)
afterAll(() => standin.close())
beforeEach(async () => {
  standin.reset()
  // The union tree and policy a submission needs, written through the real SDK as deploy's import would.
  Object.assign(process.env, { TENCENTCLOUD: 'true', SILENCE: 'true', TCB_ENV: 'test-env', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y', LANTIAN_TCB_SERVICE_URL: standin.url })
  resetSdk()
  await seedTestUnits(createCloudbaseStore())
})

describe('the built applicant function, run as CloudBase would run it', () => {
  test('submit then listMine: the worker sees the numbered application; the database holds no plaintext', async () => {
    const { replies } = await invoke(
      [
        { action: 'submit', input: validForm, requestId: 'req-00000001' },
        { action: 'listMine', input: {} },
      ],
      { WX_OPENID: 'o-worker-1' },
    )
    const [submit, list] = replies as [
      { ok: true; data: { id: string; number: string; status: string } },
      { ok: true; data: { items: { id: string; number: string }[]; total: number } },
    ]
    expect(submit).toMatchObject({ ok: true, data: { status: 'submitted' } })
    expect(submit.data.number).toMatch(/^MLS-\d{4}-000001$/)
    expect(list.ok).toBe(true)
    expect(list.data.total).toBe(1)
    expect(list.data.items[0]).toMatchObject({ id: submit.data.id, number: submit.data.number })

    const raw = standin.collections()
    const stored = raw.get('applications')!.get(submit.data.id)
    expect(stored).toMatchObject({ applicantOpenid: 'o-worker-1', name: '张小明' })
    const everything = JSON.stringify([...raw].map(([name, docs]) => [name, [...docs.values()]]))
    for (const secret of [validForm.form.applicant.idNumber, validForm.form.applicant.phone, validForm.form.members[0].idNumber, validForm.form.bank.accountNumber]) {
      expect(everything).not.toContain(secret)
    }
  })

  test('identity comes from the context: a forged openid or userInfo in the event is ignored', async () => {
    const victim = await invoke([{ action: 'submit', input: validForm }, { action: 'listMine', input: {} }], { WX_OPENID: 'o-victim' })
    expect(victim.replies[1]).toMatchObject({ ok: true, data: { total: 1 } })
    const forged = { action: 'listMine', input: {}, openid: 'o-victim', userInfo: { openId: 'o-victim', appId: 'wx-test-app' } }
    const asOther = await invoke([forged], { WX_OPENID: 'o-other' })
    expect(asOther.replies[0]).toEqual({ ok: true, data: { items: [], total: 0, page: 1, pageSize: 20 } })
    const anonymous = await invoke([forged], { WX_OPENID: undefined })
    expect(anonymous.replies[0]).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: DEFAULT_MESSAGES.UNAUTHENTICATED } })
    const inInput = await invoke([{ action: 'listMine', input: { openid: 'o-victim' } }], { WX_OPENID: 'o-other' })
    expect(inInput.replies[0]).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  test.each([
    ['missing', undefined],
    ['too short', randomBytes(16).toString('base64')],
  ])('a %s LANTIAN_DATA_KEY gives the configuration reply, one log line and no stack', async (_case, key) => {
    const { replies, stderr } = await invoke([{ action: 'listMine', input: {} }], { WX_OPENID: 'o-worker-1', LANTIAN_DATA_KEY: key })
    expect(replies[0]).toEqual({ ok: false, error: { code: 'INTERNAL', message: '系统配置不完整，请联系管理员' } })
    expect(stderr.trim().split('\n')).toHaveLength(1)
    expect(stderr).not.toMatch(/\n\s+at |stack/i)
    if (key) expect(stderr).not.toContain(key)
  })

  test('a document: uploaded to storage as wx.cloud.uploadFile would, registered, read back and checked by the function', async () => {
    const env = { WX_OPENID: 'o-worker-1', LANTIAN_DATA_KEY: randomBytes(32).toString('base64') }
    const meta = { kind: 'id-card', fileName: '身份证.jpg' }
    const first = await invoke([{ action: 'saveDraft', input: { values: validForm.form, step: 'documents' } }], env)
    const draft = first.replies[0] as { ok: true; data: { id: string } }
    const prepared = await invoke(
      [
        { action: 'prepareUpload', input: { ...meta, applicationId: draft.data.id } },
        { action: 'prepareUpload', input: { ...meta, applicationId: draft.data.id } },
      ],
      env,
    )
    const [good, bad] = (prepared.replies as { ok: true; data: { cloudPath: string } }[]).map((r) => r.data.cloudPath)
    standin.storage.set(good, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))
    standin.storage.set(bad, Buffer.from('<html>not a picture</html>'))
    const fileId = (path: string) => `cloud://test-env.7465-test-env-1250000000/${path}`
    const { replies } = await invoke(
      [
        { action: 'registerDocument', input: { ...meta, applicationId: draft.data.id, fileId: fileId(good) } },
        { action: 'registerDocument', input: { ...meta, applicationId: draft.data.id, fileId: fileId(bad) } },
        { action: 'registerDocument', input: { ...meta, applicationId: draft.data.id, fileId: fileId(`documents/${draft.data.id}/forged-000000000000000000000000`) } },
      ],
      env,
    )
    expect(replies[0]).toMatchObject({ ok: true, data: { kind: 'id-card', contentType: 'image/jpeg', size: 7 } })
    expect(replies[1]).toEqual({ ok: false, error: { code: 'VALIDATION', field: 'file', message: '只能上传 JPG、PNG 图片或 PDF 文件' } })
    expect(replies[2]).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'fileId' } })
    // The rejected file is deleted from storage; the accepted one stays, recorded on the draft.
    expect([...standin.storage.keys()]).toEqual([good])
    const stored = standin.collections().get('applications')!.get(draft.data.id) as unknown as { documents: { storageKey: string }[] }
    expect(stored.documents.map((d) => d.storageKey)).toEqual([fileId(good)])
  })

  test('an unreachable database gives the INTERNAL reply without a stack', async () => {
    const { replies } = await invoke([{ action: 'listMine', input: {} }], { WX_OPENID: 'o-worker-1', LANTIAN_TCB_SERVICE_URL: 'http://127.0.0.1:9/admin' })
    expect(replies[0]).toEqual({ ok: false, error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL } })
    expect(JSON.stringify(replies[0])).not.toMatch(/stack|at /)
  })
})

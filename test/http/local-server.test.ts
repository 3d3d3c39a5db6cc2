import { statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startLocalApp, type LocalApp } from '../../server/local/app'
import { submission, tempDir } from '../support/deps'

const validForm = submission()

/** The local server on a free port, called as the H5 client and a hostile client would. */
describe('local server over HTTP', () => {
  let app: LocalApp
  let tmp: ReturnType<typeof tempDir>

  beforeAll(async () => {
    tmp = tempDir()
    writeFileSync(join(tmp.dir, 'index.html'), '<!doctype html><title>蓝天帮扶</title>')
    app = await startLocalApp({ host: '127.0.0.1', port: 0, dataDir: join(tmp.dir, 'data'), webRoot: tmp.dir, sessionHours: 1 })
  })
  afterAll(async () => {
    await app.close()
    tmp.cleanup()
  })

  async function signIn(account: string): Promise<string> {
    const res = await fetch(`${app.url}/demo-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
      body: `account=${account}&next=${encodeURIComponent('/#/pages/my-applications/index')}`,
      redirect: 'manual',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/#/pages/my-applications/index')
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(res.headers.get('clear-site-data')).toBe('"storage"')
    return cookie.split(';')[0]
  }

  const call = async (fn: string, body: unknown, cookie?: string, raw = false) => {
    const res = await fetch(`${app.url}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url, ...(cookie ? { cookie } : {}) },
      body: raw ? (body as string) : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as { ok: boolean; data?: any; error?: any } }
  }

  it('creates the data directory with owner-only key files and seeds the union tree', async () => {
    expect(app.seeded).toBe(true)
    expect(statSync(join(tmp.dir, 'data', 'keys', 'data.key')).mode & 0o777).toBe(0o600)
    expect((await app.deps.store.repos.units.children('unit-root')).length).toBe(14)
  })

  it('walks the thin journey: sign in, submit, list, read', async () => {
    const cookie = await signIn('new-worker')
    const submitted = await call('applicant', { action: 'submit', input: validForm, requestId: 'journey-0001' }, cookie)
    expect(submitted.body).toMatchObject({ ok: true, data: { number: expect.stringMatching(/^MLS-\d{4}-\d{6}$/), status: 'submitted' } })
    const again = await call('applicant', { action: 'submit', input: validForm, requestId: 'journey-0001' }, cookie)
    expect(again.body).toEqual(submitted.body)

    const list = await call('applicant', { action: 'listMine', input: {} }, cookie)
    expect(list.body.data.items).toHaveLength(1)
    const detail = await call('applicant', { action: 'getMine', input: { id: submitted.body.data.id } }, cookie)
    expect(detail.body.data).toMatchObject({ number: submitted.body.data.number, idNumberMasked: '5325**********1238' })
    expect(JSON.stringify(detail.body)).not.toContain(validForm.form.applicant.idNumber)
  })

  it('ignores an identity forged in the event', async () => {
    const owner = await signIn('new-worker')
    const mine = await call('applicant', { action: 'submit', input: submission({ idNumber: '11010519491231002X', memberIds: [] }) }, owner)
    expect(mine.body.ok).toBe(true)
    const other = await signIn('new-worker')
    const forged = await call(
      'applicant',
      { action: 'getMine', input: { id: mine.body.data.id }, openid: 'demo-admin', userInfo: { openId: 'x' } },
      other,
    )
    expect(forged.body).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到这份申请' } })
    const anonymous = await call('applicant', { action: 'listMine', input: {}, openid: 'demo-worker' })
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED')
  })

  it('rejects a forged session cookie', async () => {
    const r = await call('applicant', { action: 'listMine', input: {} }, 'lantian_session=eyJzdWIiOiJkZW1vLWFkbWluIn0.abc')
    expect(r.body.error.code).toBe('UNAUTHENTICATED')
  })

  it('answers a bad field with VALIDATION naming it, in Chinese', async () => {
    const cookie = await signIn('new-worker')
    const r = await call('applicant', { action: 'submit', input: submission({ idNumber: '532504199001011234' }) }, cookie)
    expect(r.body).toEqual({ ok: false, error: { code: 'VALIDATION', field: 'form.applicant.idNumber', message: '身份证号校验位不正确，请核对' } })
    const member = await call('applicant', { action: 'submit', input: submission({ memberIds: ['532504198503150023'] }) }, cookie)
    expect(member.body).toEqual({ ok: false, error: { code: 'VALIDATION', field: 'form.members.0.idNumber', message: '家庭成员1：身份证号校验位不正确，请核对' } })
    const extra = await call('applicant', { action: 'listMine', input: { page: 1, admin: true } }, cookie)
    expect(extra.body.error).toMatchObject({ code: 'VALIDATION', field: 'admin' })
  })

  it('answers unknown functions and actions, malformed and oversized bodies clearly, without a stack', async () => {
    const cookie = await signIn('worker')
    expect((await call('applicant', { action: 'dropTables', input: {} }, cookie)).body.error).toEqual({ code: 'VALIDATION', message: '未知的操作' })
    expect((await call('nosuch', { action: 'x', input: {} }, cookie)).body.error.code).toBe('VALIDATION')
    const malformed = await call('applicant', '{"action": "submit", ', cookie, true)
    expect(malformed).toEqual({ status: 400, body: { ok: false, error: { code: 'VALIDATION', message: '请求内容不是有效的 JSON' } } })
    const huge = await call('applicant', { action: 'submit', input: { ...validForm, description: 'x'.repeat(1100 * 1024) } }, cookie)
    expect(huge.status).toBe(413)
    expect(huge.body.error.message).toContain('1 MB')
    for (const r of [malformed, huge]) expect(JSON.stringify(r.body)).not.toMatch(/at \w+ \(|node_modules|SQLITE/)
  })

  it('takes a document’s bytes at /api/upload for the caller’s own draft only, checked by type and size', async () => {
    const owner = await signIn('new-worker')
    const draft = await call('applicant', { action: 'saveDraft', input: { values: validForm.form, step: 'documents' } }, owner)
    expect(draft.body.ok).toBe(true)
    const upload = (query: Record<string, string>, body: Uint8Array, cookie?: string, type = 'application/octet-stream') =>
      fetch(`${app.url}/api/upload?${new URLSearchParams(query).toString()}`, { method: 'POST', headers: { 'content-type': type, origin: app.url, ...(cookie ? { cookie } : {}) }, body: body as unknown as BodyInit })
    const target = { applicationId: draft.body.data.id, kind: 'id-card', fileName: '身份证正面.jpg' }
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(2 * 1024 * 1024).fill(7)])

    const ok = await upload(target, jpeg, owner)
    expect(await ok.json()).toMatchObject({ ok: true, data: { kind: 'id-card', fileName: '身份证正面.jpg', contentType: 'image/jpeg', size: jpeg.length } })
    const disguised = await upload({ ...target, fileName: 'photo.jpg' }, new TextEncoder().encode('<html><script>alert(1)</script>'), owner)
    expect(await disguised.json()).toEqual({ ok: false, error: { code: 'VALIDATION', field: 'file', message: '只能上传 JPG、PNG 图片或 PDF 文件' } })
    const huge = await upload(target, new Uint8Array(10 * 1024 * 1024 + 1), owner)
    expect(huge.status).toBe(413)
    expect((await huge.json()).error.message).toBe('文件不能超过10 MB，请压缩后重试')
    expect((await upload(target, jpeg, owner, 'application/json')).status).toBe(415)
    expect((await (await upload(target, jpeg)).json()).error.code).toBe('UNAUTHENTICATED')
    const stranger = await signIn('new-worker')
    expect(await (await upload(target, jpeg, stranger)).json()).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '没有找到这份申请' } })
    expect((await (await upload({ ...target, kind: 'selfie' }, jpeg, owner)).json()).error).toMatchObject({ code: 'VALIDATION', field: 'kind' })

    const mine = await call('applicant', { action: 'getDraft', input: {} }, owner)
    expect(mine.body.data.draft.documents).toHaveLength(1)
  })

  it('serves the app for GET and the sign-in page that says it is a demo', async () => {
    const page = await fetch(`${app.url}/`)
    expect(await page.text()).toContain('蓝天帮扶')
    const login = await (await fetch(`${app.url}/demo-login?next=//evil.example`)).text()
    expect(login).toContain('本地演示登录')
    expect(login).toContain('name="next" value="/"')
    const traversal = await fetch(`${app.url}/..%2f..%2fetc%2fpasswd`)
    expect(await traversal.text()).toContain('<title>蓝天帮扶</title>')
  })
})

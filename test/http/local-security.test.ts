/**
 * The local server as a hostile page, a rebinding DNS name and a careless insider would meet it
 * (issue 13, item 3): every request is checked for its `Host` and `Origin`, writes need
 * same-origin proof, sessions live on the server, redirects stay local, a bad cookie is
 * UNAUTHENTICATED, every answer carries the security headers. Slow and greedy clients: local-limits.test.ts.
 */
import { createHash } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startLocalApp, type LocalApp } from '../../server/local/app'
import { tempDir } from '../support/deps'
import { rawRequest, type RawReply } from './raw-client'
import { demoDataDir } from '../support/demo-template'

const INLINE = '!function(){document.documentElement.style.fontSize="20px"}();'

describe('the local server against hostile requests', () => {
  let app: LocalApp
  let tmp: ReturnType<typeof tempDir>

  beforeAll(async () => {
    tmp = tempDir()
    writeFileSync(join(tmp.dir, 'index.html'), `<!doctype html><title>蓝天帮扶</title><script>${INLINE}</script><script defer src="/js/app.js"></script>`)
    writeFileSync(join(tmp.dir, 'notes.LICENSE.txt'), 'MIT')
    await demoDataDir(join(tmp.dir, 'data'))
    app = await startLocalApp({ host: '127.0.0.1', port: 0, dataDir: join(tmp.dir, 'data'), webRoot: tmp.dir, sessionHours: 1, limits: { signInsPerMinute: 1000 } })
  }, 120_000)
  afterAll(async () => {
    await app.close()
    tmp.cleanup()
  })

  const self = () => ({ origin: app.url })
  const form = (account: string, next = '/') => `account=${account}&next=${encodeURIComponent(next)}`
  const signInAs = (account: string, headers: Record<string, string> = self(), next = '/') =>
    rawRequest(app.url, 'POST', '/demo-login', { 'content-type': 'application/x-www-form-urlencoded', ...headers }, form(account, next))
  const cookieOf = (r: RawReply) => (r.headers['set-cookie']?.[0] ?? '').split(';')[0]
  async function signIn(account: string): Promise<string> {
    const r = await signInAs(account)
    expect(r.status).toBe(303)
    return cookieOf(r)
  }
  const api = (fn: string, event: unknown, headers: Record<string, string> = {}) =>
    rawRequest(app.url, 'POST', `/api/${fn}`, { 'content-type': 'application/json', ...self(), ...headers }, JSON.stringify(event))
  const json = (r: RawReply) => JSON.parse(r.body) as { ok: boolean; data?: any; error?: { code: string; message: string } }
  const me = (cookie: string) => api('account', { action: 'me', input: {} }, { cookie })

  it('answers a foreign Host (DNS rebinding, a LAN name) with 403 and no session', async () => {
    const port = new URL(app.url).port
    for (const host of [`evil.example:${port}`, `192.168.1.20:${port}`, 'evil.example', `127.0.0.1:${Number(port) + 1}`]) {
      const signIn = await signInAs('admin', { host, origin: `http://${host}` })
      expect(signIn.status).toBe(403)
      expect(signIn.headers['set-cookie']).toBeUndefined()
      const call = await api('account', { action: 'me', input: {} }, { host, origin: `http://${host}` })
      expect(call.status).toBe(403)
      expect(json(call)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '访问地址不正确：请用本机地址（如 http://127.0.0.1）打开蓝天帮扶' } })
      expect((await rawRequest(app.url, 'GET', '/', { host })).status).toBe(403)
    }
    for (const host of [`localhost:${port}`, `[::1]:${port}`]) {
      expect((await rawRequest(app.url, 'GET', '/', { host })).status).toBe(200)
      expect((await signInAs('worker', { host, origin: `http://${host}` })).status).toBe(303)
    }
  })

  it('answers a foreign Origin with 403 on any request, in the contract’s shape for API calls', async () => {
    const cookie = await signIn('worker')
    for (const origin of ['http://evil.example', 'null', `${app.url}.evil.example`, app.url.replace('http:', 'https:')]) {
      const call = await api('account', { action: 'me', input: {} }, { cookie, origin })
      expect(call.status).toBe(403)
      expect(json(call)).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '请求来自其他网站，已拒绝' } })
      expect((await rawRequest(app.url, 'GET', '/', { origin })).status).toBe(403)
    }
    expect(json(await me(cookie)).ok).toBe(true)
  })

  it('refuses a cross-site sign-in, and a write without proof of its origin', async () => {
    const refused: Record<string, string>[] = [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { referer: 'http://evil.example/page' }, {}]
    for (const headers of refused) {
      const r = await signInAs('admin', headers)
      expect(r.status).toBe(403)
      expect(r.headers['set-cookie']).toBeUndefined()
    }
    expect(json(await api('account', { action: 'me', input: {} }, { origin: '' })).error?.code).toBe('FORBIDDEN')
    for (const headers of [self(), { 'sec-fetch-site': 'same-origin' }, { referer: `${app.url}/demo-login` }] as Record<string, string>[]) {
      expect((await signInAs('worker', headers)).status).toBe(303)
    }
  })

  it('refuses a cross-site sign-out, which leaves the session alone', async () => {
    const cookie = await signIn('worker')
    for (const headers of [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }, {}] as Record<string, string>[]) {
      const r = await rawRequest(app.url, 'POST', '/demo-logout', { cookie, ...headers })
      expect(r.status).toBe(403)
      expect(r.headers['set-cookie']).toBeUndefined()
    }
    expect(json(await me(cookie)).ok).toBe(true)
  })

  it('ends the session on sign-out: the old cookie answers UNAUTHENTICATED', async () => {
    const cookie = await signIn('worker')
    expect(json(await me(cookie)).data).toMatchObject({ roles: ['worker'] })
    const out = await rawRequest(app.url, 'POST', '/demo-logout', { cookie, ...self() })
    expect(out.status).toBe(303)
    expect(out.headers['set-cookie']?.[0]).toMatch(/^lantian_session=; .*Max-Age=0/)
    const after = await me(cookie)
    expect(after.status).toBe(401)
    expect(json(after)).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
  })

  it('ends the previous session of the browser when it signs in again', async () => {
    const first = await signIn('worker')
    expect((await signInAs('caseworker', { ...self(), cookie: first })).status).toBe(303)
    expect((await me(first)).status).toBe(401)
  })

  it('redirects only to a local path after sign-in', async () => {
    const offsite = ['/%09/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example', '/%2F%2Fevil.example', '/%5Cevil.example', '/%0d%0aset-cookie:x=1', '%2F%2Fevil.example']
    for (const next of offsite) {
      // The query as a link would carry it: the value is decoded once by the server, as a browser would.
      const page = await rawRequest(app.url, 'GET', `/demo-login?next=${next.replace(/\\/g, '%5C')}`)
      expect(page.status).toBe(200)
      expect(page.body).toContain('name="next" value="/"')
      const decoded = decodeURIComponent(next)
      for (const value of [next, decoded]) {
        const r = await signInAs('worker', self(), value)
        expect([value, r.status, r.headers.location]).toEqual([value, 303, '/'])
      }
    }
    const local = '/#/pages/application/index?id=a1'
    expect((await signInAs('worker', self(), local)).headers.location).toBe(local)
  })

  it('answers a malformed cookie with 401 UNAUTHENTICATED, never 500', async () => {
    const valid = (await signIn('worker')).split('=')[1]
    const shapes = [
      'lantian_session=%',
      'lantian_session=%E0%A4%A',
      'lantian_session=',
      'lantian_session=abc.def',
      `lantian_session="${valid}"`,
      `lantian_session=${valid}; lantian_session=${valid}`,
      `lantian_session=${'x'.repeat(6000)}`,
      'lantian_session=eyJzdWIiOiJkZW1vLWFkbWluIiwibmFtZSI6IngiLCJleHAiOjk5OTk5OTk5OTl9.forged',
      `lantian_session=${valid.slice(0, -2)}AA`,
    ]
    for (const cookie of shapes) {
      const r = await me(cookie)
      expect([cookie.slice(0, 40), r.status, json(r)]).toEqual([cookie.slice(0, 40), 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } }])
      const up = await rawRequest(app.url, 'POST', '/api/upload?kind=id-card', { 'content-type': 'application/octet-stream', cookie, ...self() }, Buffer.from([0xff, 0xd8, 0xff]))
      expect([up.status, json(up).error?.code]).toEqual([401, 'UNAUTHENTICATED'])
    }
  })

  it('ends a staff member’s session when an admin changes their roles', async () => {
    const caseworker = await signIn('caseworker')
    expect(json(await me(caseworker)).data.roles).toEqual(expect.arrayContaining(['caseworker']))
    const admin = await signIn('admin')
    const staff = json(await api('admin', { action: 'listStaff', input: { pageSize: 50 } }, { cookie: admin })).data.items as { openid: string; version: number }[]
    const li = staff.find((s) => s.openid === 'demo-caseworker')!
    const changed = await api('admin', { action: 'setStaffRoles', input: { openid: li.openid, version: li.version, roles: ['caseworker', 'reviewer'] } }, { cookie: admin })
    expect(json(changed).ok).toBe(true)

    const stale = await me(caseworker)
    expect([stale.status, json(stale).error?.code]).toEqual([401, 'UNAUTHENTICATED'])
    expect(json(await me(await signIn('caseworker'))).data.roles).toEqual(expect.arrayContaining(['caseworker', 'reviewer']))
    expect(json(await me(admin)).ok).toBe(true)
  })

  it('keeps the session of a person who binds themself with an invitation code', async () => {
    const admin = await signIn('admin')
    const invited = json(await api('admin', { action: 'createInvitation', input: { unitId: 'unit-532504001', roles: ['caseworker'], displayName: '王芳' } }, { cookie: admin }))
    const newcomer = await signIn('new-worker')
    const redeemed = await api('account', { action: 'redeemInvitation', input: { code: invited.data.code } }, { cookie: newcomer })
    expect(json(redeemed).ok).toBe(true)
    expect(json(await me(newcomer)).data.roles).toEqual(expect.arrayContaining(['caseworker']))
  })

  it('sends the security headers with every answer', async () => {
    const cookie = await signIn('worker')
    const answers = {
      app: await rawRequest(app.url, 'GET', '/'),
      signInPage: await rawRequest(app.url, 'GET', '/demo-login'),
      api: await me(cookie),
      refused: await api('account', { action: 'me', input: {} }, { origin: 'http://evil.example' }),
      signIn: await signInAs('worker'),
      notAllowed: await rawRequest(app.url, 'GET', '/api/account'),
      badTarget: await rawRequest(app.url, 'GET', 'http://['),
    }
    expect([answers.badTarget.status, answers.badTarget.body]).toEqual([400, '请求地址不正确'])
    for (const [name, r] of Object.entries(answers)) {
      const csp = String(r.headers['content-security-policy'])
      expect([name, csp]).toEqual([name, expect.stringContaining("frame-ancestors 'none'")])
      expect(csp).toContain("default-src 'self'")
      expect(csp).toContain("object-src 'none'")
      expect(csp).not.toContain('unsafe-eval')
      expect(csp).toMatch(/script-src 'self'( 'sha256-[\w+/=]+')*;/)
      expect(r.headers['x-content-type-options']).toBe('nosniff')
      expect(r.headers['referrer-policy']).toBe('same-origin')
      expect(r.headers['x-frame-options']).toBe('DENY')
    }
    const hash = createHash('sha256').update(INLINE).digest('base64')
    expect(answers.app.headers['content-security-policy']).toContain(`script-src 'self' 'sha256-${hash}'`)
    expect(answers.signInPage.headers['content-security-policy']).toContain("script-src 'self';")
    const license = await rawRequest(app.url, 'GET', '/notes.LICENSE.txt')
    expect([license.headers['content-type'], license.headers['content-disposition']]).toEqual(['application/octet-stream', 'attachment'])
  })
})

describe('the local server beyond loopback', () => {
  it('refuses to listen on a non-loopback address while the demo sign-in is on, naming the setting', async () => {
    const tmp = tempDir()
    try {
      for (const host of ['0.0.0.0', '::', '192.168.1.20', 'lantian.example']) {
        const dataDir = join(tmp.dir, 'data')
        await expect(startLocalApp({ host, port: 0, dataDir, webRoot: tmp.dir, sessionHours: 1 })).rejects.toThrow(`LANTIAN_HOST=${host} is not a loopback address`)
        expect(existsSync(dataDir)).toBe(false)
      }
    } finally {
      tmp.cleanup()
    }
  })
})

/**
 * The local server's limits against slow and greedy clients (issue 13, items 3 and 6): a body or
 * headers trickled byte by byte, more connections than a client or the server may hold, sign-ins
 * in a row. The limits are small here so that every case ends quickly; what is asserted is that
 * the connection was closed or refused, never how long it took.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { startLocalApp, type LocalApp } from '../../server/local/app'
import { tempDir } from '../support/deps'
import { openSocket, rawRequest, type OpenSocket } from './raw-client'
import { demoDataDir } from '../support/demo-template'

describe('the local server against slow and greedy clients', () => {
  let app: LocalApp
  let tmp: ReturnType<typeof tempDir>
  const limits = { headersTimeoutMs: 300, requestTimeoutMs: 800, maxConnectionsPerClient: 2, maxConnections: 3, signInsPerMinute: 3 }

  beforeAll(async () => {
    tmp = tempDir()
    writeFileSync(join(tmp.dir, 'index.html'), '<!doctype html><title>蓝天帮扶</title>')
    await demoDataDir(join(tmp.dir, 'data'))
    app = await startLocalApp({ host: '127.0.0.1', port: 0, dataDir: join(tmp.dir, 'data'), webRoot: tmp.dir, sessionHours: 1, limits })
  }, 120_000)
  afterAll(async () => {
    await app.close()
    tmp.cleanup()
  })

  const head = (path: string, length: number) =>
    `POST ${path} HTTP/1.1\r\nHost: ${new URL(app.url).host}\r\nOrigin: ${app.url}\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`

  /** Sends `prefix` at once, then `text` a byte at a time until the server closes the connection or all of it went out. */
  async function trickle(prefix: string, text: string): Promise<{ sent: number; closed: boolean; received: string }> {
    const c = await openSocket(app.url)
    c.socket.write(prefix)
    let sent = 0
    while (sent < text.length && !c.isClosed()) {
      c.socket.write(text[sent++])
      await new Promise((r) => setTimeout(r, 20))
    }
    const closed = c.isClosed()
    c.socket.destroy()
    return { sent, closed, received: c.received() }
  }

  it('closes a connection that trickles its body, before the body is complete', async () => {
    const body = JSON.stringify({ action: 'me', input: {}, pad: 'x'.repeat(200) })
    const r = await trickle(head('/api/account', body.length), body)
    expect(r.closed).toBe(true)
    expect(r.sent).toBeGreaterThan(0)
    expect(r.sent).toBeLessThan(body.length)
    expect(r.received).toMatch(/^HTTP\/1\.1 408 /)
  })

  it('closes a connection that trickles its headers', async () => {
    const r = await trickle('', `GET / HTTP/1.1\r\nHost: ${new URL(app.url).host}\r\n${'X-Slow: 1\r\n'.repeat(25)}\r\n`)
    expect(r.closed).toBe(true)
    expect(r.received).toMatch(/^HTTP\/1\.1 408 /)
  })

  it('caps open connections per client address and in total', async () => {
    const get = `GET / HTTP/1.1\r\nHost: ${new URL(app.url).host}\r\nConnection: close\r\n\r\n`
    /** Asks for the app on a connection over the cap: it is closed unanswered. */
    const refused = async (c: OpenSocket) => {
      c.socket.write(get)
      await c.heard
      return { closed: c.isClosed(), received: c.received() }
    }
    const a1 = await openSocket(app.url)
    const a2 = await openSocket(app.url)
    expect(await refused(await openSocket(app.url))).toEqual({ closed: true, received: '' })
    expect([a1.isClosed(), a2.isClosed()]).toEqual([false, false])
    // Another loopback address is another client: one more fits in the total of three, the next does not.
    const b1 = await openSocket(app.url, '127.0.0.2')
    expect(await refused(await openSocket(app.url, '127.0.0.2'))).toEqual({ closed: true, received: '' })
    expect(b1.isClosed()).toBe(false)
    a1.socket.write(get)
    await a1.closed
    expect(a1.received()).toMatch(/^HTTP\/1\.1 200 /)
    for (const c of [a2, b1]) c.socket.destroy()
    await Promise.all([a2.closed, b1.closed])
  })

  it('limits sign-ins per client and says when to try again, in Chinese', async () => {
    const signIn = () => rawRequest(app.url, 'POST', '/demo-login', { 'content-type': 'application/x-www-form-urlencoded', origin: app.url }, 'account=worker&next=%2F')
    for (let i = 0; i < limits.signInsPerMinute; i++) expect((await signIn()).status).toBe(303)
    const limited = await signIn()
    expect(limited.status).toBe(429)
    expect(limited.headers['set-cookie']).toBeUndefined()
    const wait = Number(limited.headers['retry-after'])
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(60)
    expect(limited.body).toContain(`data-code="RATE_LIMITED">登录太频繁，请 ${wait} 秒后再试</p>`)
  })
})

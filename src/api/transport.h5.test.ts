import { send } from './transport.h5'

const assign = jest.fn()
const fetchMock = jest.fn()

beforeEach(() => {
  assign.mockReset()
  fetchMock.mockReset()
  Object.assign(globalThis, {
    fetch: fetchMock,
    window: { location: { pathname: '/', hash: '#/pages/application/index?id=a1', assign } },
  })
})

const respond = (status: number, body: unknown) =>
  fetchMock.mockResolvedValue(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }))

describe('H5 transport', () => {
  it('posts the contract event to /api/<fn> with the session cookie', async () => {
    respond(200, { ok: true, data: { roles: ['worker'] } })
    const reply = await send('account', { action: 'me', input: {}, requestId: 'r1' })
    expect(reply).toEqual({ ok: true, data: { roles: ['worker'] } })
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/api/account')
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin' })
    expect(JSON.parse(String(init.body))).toEqual({ action: 'me', input: {}, requestId: 'r1' })
  })

  it('turns a network failure into a plain INTERNAL reply', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    expect(await send('account', { action: 'me', input: {} })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '网络连接失败，请检查网络后重试' },
    })
  })

  it('keeps a failure reply sent with an error status', async () => {
    respond(409, { ok: false, error: { code: 'CONFLICT', message: '您已有进行中的申请' } })
    expect(await send('applicant', { action: 'submit', input: {} })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '您已有进行中的申请' },
    })
  })

  it('sends an unauthenticated user to the demo sign-in, coming back to the same page', async () => {
    respond(401, { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })
    await send('applicant', { action: 'getMine', input: { id: 'a1' } })
    expect(assign).toHaveBeenCalledWith(`/demo-login?next=${encodeURIComponent('/#/pages/application/index?id=a1')}`)
  })

  it('answers INTERNAL when the body is not JSON', async () => {
    fetchMock.mockResolvedValue(new Response('<html>bad gateway</html>', { status: 502 }))
    const reply = await send('account', { action: 'me', input: {} })
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(assign).not.toHaveBeenCalled()
  })
})

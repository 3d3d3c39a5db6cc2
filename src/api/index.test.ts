import { api, call } from '.'
import { send } from './transport'

jest.mock('./transport', () => ({ send: jest.fn() }))
const sendMock = send as jest.MockedFunction<typeof send>

beforeEach(() => {
  sendMock.mockReset()
  sendMock.mockResolvedValue({ ok: true, data: { count: 3 } })
})

describe('the typed client', () => {
  it('sends api.<function>.<action>(input) as the contract event to that function', async () => {
    const reply = await api.account.unreadCount({})
    expect(reply).toEqual({ ok: true, data: { count: 3 } })
    expect(sendMock).toHaveBeenCalledWith('account', { action: 'unreadCount', input: {} })
  })

  it('adds the request id only when one is given', async () => {
    await api.applicant.withdraw({ id: 'a1', expectedVersion: 2 }, { requestId: 'req-12345678' })
    await api.applicant.withdraw({ id: 'a1', expectedVersion: 2 })
    expect(sendMock.mock.calls).toEqual([
      ['applicant', { action: 'withdraw', input: { id: 'a1', expectedVersion: 2 }, requestId: 'req-12345678' }],
      ['applicant', { action: 'withdraw', input: { id: 'a1', expectedVersion: 2 } }],
    ])
  })

  it('sends an empty input where the contract asks for nothing and none is given', async () => {
    await api.account.me()
    expect(sendMock).toHaveBeenCalledWith('account', { action: 'me', input: {} })
  })

  it('answers the same as the generic call', async () => {
    await call('stations', 'get', { stationId: 's1' })
    await api.stations.get({ stationId: 's1' })
    expect(sendMock.mock.calls[0]).toEqual(sendMock.mock.calls[1])
  })

  it('is not mistaken for a promise', () => {
    expect((api as unknown as { then?: unknown }).then).toBeUndefined()
    expect((api.review as unknown as { then?: unknown }).then).toBeUndefined()
  })
})

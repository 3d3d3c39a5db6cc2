import { MALFORMED_REPLY, toApiReply } from './reply'

describe('toApiReply', () => {
  it('passes contract replies through', () => {
    expect(toApiReply({ ok: true, data: { id: 'a' } })).toEqual({ ok: true, data: { id: 'a' } })
    const failure = { ok: false, error: { code: 'VALIDATION', message: '请填写姓名', field: 'name' } }
    expect(toApiReply(failure)).toEqual(failure)
  })

  it.each([null, 'oops', { ok: true }, { ok: false, error: { code: 'TEAPOT', message: 'x' } }, { ok: false, error: { code: 'INTERNAL' } }])(
    'turns %j into an INTERNAL failure',
    (body) => {
      expect(toApiReply(body)).toBe(MALFORMED_REPLY)
    },
  )
})

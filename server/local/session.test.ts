import { randomBytes } from 'node:crypto'
import { readCookie, signSession, verifySession } from './session'

describe('local session', () => {
  const secret = randomBytes(32)
  const s = { sub: 'demo-worker', name: '张师傅', exp: 2000 }

  it('verifies its own token until it expires', () => {
    const t = signSession(secret, s)
    expect(verifySession(secret, t, 1999)).toEqual(s)
    expect(verifySession(secret, t, 2000)).toBeNull()
  })

  it('rejects a token signed with another secret or edited', () => {
    expect(verifySession(secret, signSession(randomBytes(32), s), 1)).toBeNull()
    const [, sig] = signSession(secret, s).split('.')
    const forged = Buffer.from(JSON.stringify({ ...s, sub: 'demo-admin' })).toString('base64url')
    expect(verifySession(secret, `${forged}.${sig}`, 1)).toBeNull()
    expect(verifySession(secret, 'garbage', 1)).toBeNull()
  })

  it('reads a cookie among others', () => {
    expect(readCookie('a=1; lantian_session=x.y; b=2', 'lantian_session')).toBe('x.y')
    expect(readCookie(undefined, 'lantian_session')).toBeUndefined()
  })
})

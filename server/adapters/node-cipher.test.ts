import { randomBytes } from 'node:crypto'
import { createCipher, keyFromBase64 } from './node-cipher'

describe('node cipher', () => {
  const cipher = createCipher(randomBytes(32))

  it('round-trips and never repeats a ciphertext', () => {
    const a = cipher.encrypt('532504199001011238')
    const b = cipher.encrypt('532504199001011238')
    expect(a).not.toBe(b)
    expect(a).not.toContain('532504199001011238')
    expect(cipher.decrypt(a)).toBe('532504199001011238')
  })

  it('rejects a tampered value', () => {
    const sealed = cipher.encrypt('13812345678')
    const parts = sealed.split('.')
    parts[3] = Buffer.from('13812345679').toString('base64url')
    expect(() => cipher.decrypt(parts.join('.'))).toThrow()
  })

  it('hashes with the key: equal inputs match, other keys differ', () => {
    const other = createCipher(randomBytes(32))
    expect(cipher.keyedHash('x')).toBe(cipher.keyedHash('x'))
    expect(cipher.keyedHash('x')).not.toBe(other.keyedHash('x'))
  })

  it('refuses a short key', () => {
    expect(() => keyFromBase64(randomBytes(16).toString('base64'))).toThrow('32 bytes')
    expect(() => keyFromBase64(undefined)).toThrow()
  })
})

describe('audit digest', () => {
  it('is keyed: another data key gives another chain hash', () => {
    const a = createCipher(randomBytes(32))
    const b = createCipher(randomBytes(32))
    expect(a.digest('event')).toMatch(/^[0-9a-f]{64}$/)
    expect(a.digest('event')).toBe(a.digest('event'))
    expect(a.digest('event')).not.toBe(b.digest('event'))
    expect(a.digest('event')).not.toBe(a.keyedHash('event'))
  })
})

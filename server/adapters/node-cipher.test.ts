import { randomBytes } from 'node:crypto'
import { createCipher, createKeyRingCipher, keyFromBase64, UnknownKeyVersionError } from './node-cipher'

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

describe('key versions', () => {
  const k1 = randomBytes(32)
  const k2 = randomBytes(32)
  const audit = randomBytes(32)
  const v1 = createCipher(k1, audit)
  const both = createKeyRingCipher({ data: { current: 2, keys: new Map([[1, k1], [2, k2]]) }, audit })

  it('seals and hashes under the current version and says which made a value', () => {
    expect(both.encrypt('x')).toMatch(/^v2\./)
    expect(both.keyedHash('x')).toMatch(/^[0-9a-f]{64}k2$/)
    expect(both.keyVersionOf(v1.encrypt('x'))).toBe(1)
    expect(both.keyVersionOf(v1.keyedHash('x').slice(0, 64))).toBe(1)
    expect(both.keyVersionOf('')).toBe(0)
    expect(both.decrypt(v1.encrypt('532504199001011238'))).toBe('532504199001011238')
  })

  it('looks a value up under every key held, the bare hashes of before key versions included', () => {
    const legacy = v1.keyedHash('x').slice(0, 64)
    expect(both.keyedHashes('x')).toEqual([both.keyedHash('x'), v1.keyedHash('x'), legacy])
    expect(v1.keyedHashes('x')).toEqual([v1.keyedHash('x'), legacy])
  })

  it('seals each value under an IV of its own', () => {
    const ivs = Array.from({ length: 600 }, () => v1.encrypt('x').split('.')[1])
    expect(new Set(ivs).size).toBe(600)
    expect(Buffer.from(ivs[0], 'base64url')).toHaveLength(12)
  })

  it('names a version it does not hold, and reloads keys when told how', () => {
    expect(() => v1.decrypt(both.encrypt('x'))).toThrow(UnknownKeyVersionError)
    const reloading = createKeyRingCipher({ data: { current: 1, keys: new Map([[1, k1]]) }, audit }, () => ({ data: { current: 2, keys: new Map([[1, k1], [2, k2]]) }, audit }))
    expect(reloading.decrypt(both.encrypt('y'))).toBe('y')
    expect(reloading.keyVersion).toBe(2)
  })

  it('keeps the audit key apart: the data keys do not give the chain hash', () => {
    expect(v1.digest('event')).toBe(both.digest('event'))
    expect(createCipher(k1).digest('event')).not.toBe(v1.digest('event'))
    expect(createCipher(randomBytes(32), audit).digest('event')).toBe(v1.digest('event'))
  })
})

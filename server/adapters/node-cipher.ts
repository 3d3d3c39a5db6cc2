import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import type { Cipher } from '../ports'

const VERSION = 'v1'

/** Decodes a base64 data key and checks it is 32 bytes. */
export function keyFromBase64(b64: string | undefined): Buffer {
  const key = Buffer.from(b64 ?? '', 'base64')
  if (key.length !== 32) throw new Error('data key must be 32 bytes of base64')
  return key
}

/**
 * AES-256-GCM for values at rest and HMAC-SHA256 for lookups. Separate sub-keys are derived
 * from the one data key, so the lookup hash reveals nothing about the encryption key.
 * Sealed format: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
export function createCipher(key: Buffer): Cipher {
  if (key.length !== 32) throw new Error('data key must be 32 bytes')
  const encKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'lantian/enc', 32))
  const macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'lantian/mac', 32))
  const auditKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'lantian/audit', 32))
  return {
    encrypt(plain) {
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', encKey, iv)
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return [VERSION, iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
    },
    decrypt(sealed) {
      const [version, iv, tag, body] = sealed.split('.')
      if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed value')
      const d = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'))
      d.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8')
    },
    keyedHash(value) {
      return createHmac('sha256', macKey).update(value, 'utf8').digest('hex')
    },
    digest(text) {
      return createHmac('sha256', auditKey).update(text, 'utf8').digest('hex')
    },
  }
}

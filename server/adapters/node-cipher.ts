import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto'
import type { Cipher, KeyMaterial } from '../ports'
import { keyVersionOf } from './keys/key-versions'
import { randomPool } from './random-pool'

/** AES-GCM's 96-bit IVs, random, each used once. */
const freshIv = randomPool(12)

/** Decodes a base64 data key and checks it is 32 bytes. */
export function keyFromBase64(b64: string | undefined): Buffer {
  const key = Buffer.from(b64 ?? '', 'base64')
  if (key.length !== 32) throw new Error('data key must be 32 bytes of base64')
  return key
}

const subKey = (key: Buffer, info: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32))

/** The audit key of a deployment that has no separate one: derived from data key version 1 (the layout before key custody). */
export const legacyAuditKey = (dataKeyV1: Buffer) => subKey(dataKeyV1, 'lantian/audit')

/** Thrown when a value was sealed under a data key this process does not hold (yet): a rotation it has not heard of. */
export class UnknownKeyVersionError extends Error {
  constructor(readonly version: number) {
    super(`no data key of version ${version}`)
    this.name = 'UnknownKeyVersionError'
  }
}

interface Ring {
  current: number
  enc: Map<number, Buffer>
  mac: Map<number, Buffer>
  audit: Buffer
}

function toRing(material: KeyMaterial): Ring {
  const { current, keys } = material.data
  if (!keys.has(current)) throw new Error(`the current data key (version ${current}) is missing`)
  for (const [v, k] of keys) if (k.length !== 32 || !Number.isInteger(v) || v < 1) throw new Error(`data key version ${v} must be 32 bytes`)
  if (material.audit.length !== 32) throw new Error('audit key must be 32 bytes')
  const versions = [...keys.keys()].sort((a, b) => b - a)
  return {
    current,
    enc: new Map(versions.map((v) => [v, subKey(keys.get(v)!, 'lantian/enc')])),
    mac: new Map(versions.map((v) => [v, subKey(keys.get(v)!, 'lantian/mac')])),
    audit: material.audit,
  }
}

/** A cipher whose keys can be replaced while it is in use (a container that learns of a rotation). */
export interface KeyRingCipher extends Cipher {
  /** Takes newly loaded key material: new values are sealed under its current version from then on. */
  reload(material: KeyMaterial): void
}

/**
 * AES-256-GCM for values at rest and HMAC-SHA256 for lookups, under versioned data keys (sub-keys
 * derived per version, so a lookup hash reveals nothing about the encryption key), and the audit
 * chain's HMAC under a key of its own. Sealed: `v<N>.<iv>.<tag>.<ciphertext>` (base64url parts);
 * keyed hash: `<64 hex>k<N>`. `onUnknown` may reload the keys when a value names a version this
 * ring lacks (the local runtime re-reads its key files); otherwise that is an UnknownKeyVersionError.
 */
export function createKeyRingCipher(material: KeyMaterial, onUnknown?: () => KeyMaterial | null): KeyRingCipher {
  let ring = toRing(material)
  const encKey = (version: number) => {
    let key = ring.enc.get(version)
    if (!key && onUnknown) {
      const fresh = onUnknown()
      if (fresh) ring = toRing(fresh)
      key = ring.enc.get(version)
    }
    if (!key) throw new UnknownKeyVersionError(version)
    return key
  }
  const hmac = (key: Buffer, value: string) => createHmac('sha256', key).update(value, 'utf8').digest('hex')
  return {
    get keyVersion() {
      return ring.current
    },
    encrypt(plain) {
      const iv = freshIv()
      const c = createCipheriv('aes-256-gcm', ring.enc.get(ring.current)!, iv)
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return [`v${ring.current}`, iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.')
    },
    decrypt(sealed) {
      const [, iv, tag, body] = sealed.split('.')
      const version = keyVersionOf(sealed)
      if (!version || !iv || !tag || body === undefined || sealed.split('.').length !== 4) throw new Error('not a sealed value')
      const d = createDecipheriv('aes-256-gcm', encKey(version), Buffer.from(iv, 'base64url'))
      d.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8')
    },
    keyedHash(value) {
      return `${hmac(ring.mac.get(ring.current)!, value)}k${ring.current}`
    },
    keyedHashes(value) {
      const out: string[] = []
      for (const [v, key] of ring.mac) {
        const hex = hmac(key, value)
        if (v === ring.current) out.unshift(`${hex}k${v}`)
        else out.push(`${hex}k${v}`)
        if (v === 1) out.push(hex)
      }
      return out
    },
    keyVersionOf,
    digest(text) {
      return hmac(ring.audit, text)
    },
    reload(fresh) {
      ring = toRing(fresh)
    },
  }
}

/**
 * One data key as version 1, for tests, scripts and the local runtime's single key: the audit key
 * is `auditKey` when given, else derived from the data key (how a deployment without a separate
 * audit key has always hashed its chain).
 */
export function createCipher(key: Buffer, auditKey?: Buffer): KeyRingCipher {
  if (key.length !== 32) throw new Error('data key must be 32 bytes')
  return createKeyRingCipher({ data: { current: 1, keys: new Map([[1, key]]) }, audit: auditKey ?? legacyAuditKey(key) })
}

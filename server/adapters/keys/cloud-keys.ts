import type { KeyMaterial, KeyProvider } from '../../ports'
import { keyFromBase64, legacyAuditKey } from '../node-cipher'
import { callTencentApi, type TencentCredentials } from './tc3'

type Env = Record<string, string | undefined>

/** Where the functions take their keys from: `LANTIAN_KEY_SOURCE`. */
export type KeySource = 'kms' | 'ssm' | 'env'

/** Data keys by version as configured: `{"current":2,"keys":{"1":"…","2":"…"}}` (KMS ciphertext blobs, or base64 keys inside a secret). */
interface VersionedRefs {
  current: number
  keys: Record<string, string>
}

function parseRefs(json: string | undefined, what: string): VersionedRefs {
  let refs: Partial<VersionedRefs> | null = null
  try {
    refs = JSON.parse(json ?? '') as Partial<VersionedRefs>
  } catch {
    /* reported below */
  }
  if (!refs || !Number.isInteger(refs.current) || typeof refs.keys !== 'object' || !refs.keys || typeof refs.keys[String(refs.current)] !== 'string') {
    throw new Error(`${what} must be JSON {"current":<version>,"keys":{"<version>":"…"}} naming the current version`)
  }
  return refs as VersionedRefs
}

/** The function role's temporary credentials, which SCF puts in the environment of every function. */
function roleCredentials(env: Env): TencentCredentials {
  const { TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey, TENCENTCLOUD_SESSIONTOKEN: token } = env
  if (!secretId || !secretKey) throw new Error('no role credentials (TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY) to reach the key service')
  return { secretId, secretKey, ...(token ? { token } : {}) }
}

const endpointOf = (env: Env, service: string) => env.LANTIAN_KEY_ENDPOINT || `https://${service}.tencentcloudapi.com`

/**
 * Envelope encryption with Tencent Cloud KMS: the function's configuration holds only ciphertext
 * blobs (`LANTIAN_DATA_KEYS`, `LANTIAN_AUDIT_KEY_BLOB`), made by KMS `Encrypt` under the union's
 * customer master keys; the function's role turns them into keys with KMS `Decrypt`
 * (API 2019-01-18) at a cold start. The encryption context binds each blob to its use, so a data
 * key blob cannot be passed off as the audit key or as another version.
 */
export function kmsKeys(env: Env): KeyProvider {
  return {
    name: 'kms',
    async load() {
      const refs = parseRefs(env.LANTIAN_DATA_KEYS, 'LANTIAN_DATA_KEYS')
      if (!env.LANTIAN_AUDIT_KEY_BLOB) throw new Error('LANTIAN_AUDIT_KEY_BLOB must hold the KMS ciphertext of the audit key')
      const creds = roleCredentials(env)
      const decrypt = async (blob: string, context: object) => {
        const res = await callTencentApi(endpointOf(env, 'kms'), creds, {
          service: 'kms',
          action: 'Decrypt',
          version: '2019-01-18',
          region: env.TENCENTCLOUD_REGION,
          body: { CiphertextBlob: blob, EncryptionContext: JSON.stringify(context) },
        })
        return keyFromBase64(String(res.Plaintext ?? ''))
      }
      const keys = new Map<number, Buffer>()
      for (const [v, blob] of Object.entries(refs.keys)) keys.set(Number(v), await decrypt(blob, { lantian: 'data', version: v }))
      return { data: { current: refs.current, keys }, audit: await decrypt(env.LANTIAN_AUDIT_KEY_BLOB, { lantian: 'audit' }) }
    },
  }
}

/**
 * Tencent Cloud Secrets Manager (SSM): the keys live in two secrets the function's role may read
 * with `GetSecretValue` (API 2019-09-23): `LANTIAN_DATA_SECRET` holds `{"current":N,"keys":{…base64…}}`
 * and `LANTIAN_AUDIT_SECRET` the audit key's base64; each named with its secret version
 * (`<name>@<version id>`). The configuration names them and holds no key.
 */
export function ssmKeys(env: Env): KeyProvider {
  return {
    name: 'ssm',
    async load() {
      const creds = roleCredentials(env)
      const read = async (ref: string | undefined, what: string) => {
        const at = ref?.lastIndexOf('@') ?? -1
        if (!ref || at <= 0) throw new Error(`${what} must name a secret and its version: <secret name>@<version id>`)
        const res = await callTencentApi(endpointOf(env, 'ssm'), creds, {
          service: 'ssm',
          action: 'GetSecretValue',
          version: '2019-09-23',
          region: env.TENCENTCLOUD_REGION,
          body: { SecretName: ref.slice(0, at), VersionId: ref.slice(at + 1) },
        })
        return String(res.SecretString ?? '')
      }
      const refs = parseRefs(await read(env.LANTIAN_DATA_SECRET, 'LANTIAN_DATA_SECRET'), 'the data key secret')
      const keys = new Map(Object.entries(refs.keys).map(([v, b64]) => [Number(v), keyFromBase64(b64)]))
      return { data: { current: refs.current, keys }, audit: keyFromBase64((await read(env.LANTIAN_AUDIT_SECRET, 'LANTIAN_AUDIT_SECRET')).trim()) }
    },
  }
}

/**
 * The key as a plain environment variable (`LANTIAN_DATA_KEY`, version 1), as before key custody:
 * anyone who can read the function's configuration reads it. `LANTIAN_AUDIT_KEY` separates the
 * audit key; without it the chain's key is derived from the data key.
 */
export function envKeys(env: Env): KeyProvider {
  return {
    name: 'env',
    async load(): Promise<KeyMaterial> {
      const key = keyFromBase64(env.LANTIAN_DATA_KEY)
      return { data: { current: 1, keys: new Map([[1, key]]) }, audit: env.LANTIAN_AUDIT_KEY ? keyFromBase64(env.LANTIAN_AUDIT_KEY) : legacyAuditKey(key) }
    },
  }
}

/** The provider `LANTIAN_KEY_SOURCE` names (`env` when unset). */
export function keyProviderFromEnv(env: Env): KeyProvider {
  const source = (env.LANTIAN_KEY_SOURCE || 'env') as KeySource
  if (source === 'kms') return kmsKeys(env)
  if (source === 'ssm') return ssmKeys(env)
  if (source === 'env') return envKeys(env)
  throw new Error('LANTIAN_KEY_SOURCE must be kms, ssm or env')
}

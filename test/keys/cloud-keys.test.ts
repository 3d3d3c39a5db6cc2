/** The functions' key providers against a loopback stand-in of KMS and SSM: signed requests, envelope blobs bound to their use. */
import { randomBytes } from 'node:crypto'
import { kmsKeys, keyProviderFromEnv, ssmKeys } from '../../server/adapters/keys/cloud-keys'
import { createKeyRingCipher } from '../../server/adapters/node-cipher'
import { startKeyServiceStandin, type KeyServiceStandin } from './kms-standin'

const CREDS = { secretId: 'AKIDrole', secretKey: randomBytes(24).toString('base64'), token: randomBytes(32).toString('hex') }
const ROLE_ENV = { TENCENTCLOUD_SECRETID: CREDS.secretId, TENCENTCLOUD_SECRETKEY: CREDS.secretKey, TENCENTCLOUD_SESSIONTOKEN: CREDS.token, TENCENTCLOUD_REGION: 'ap-shanghai' }
const K1 = randomBytes(32)
const K2 = randomBytes(32)
const AUDIT = randomBytes(32)
let kms: KeyServiceStandin

beforeAll(async () => {
  kms = await startKeyServiceStandin(CREDS)
})
afterAll(() => kms.close())

const kmsEnv = (over: Record<string, string> = {}) => ({
  ...ROLE_ENV,
  LANTIAN_KEY_SOURCE: 'kms',
  LANTIAN_KEY_ENDPOINT: kms.url,
  LANTIAN_DATA_KEYS: JSON.stringify({ current: 2, keys: { 1: kms.encrypt(K1, { lantian: 'data', version: '1' }), 2: kms.encrypt(K2, { lantian: 'data', version: '2' }) } }),
  LANTIAN_AUDIT_KEY_BLOB: kms.encrypt(AUDIT, { lantian: 'audit' }),
  ...over,
})

test('KMS: the role decrypts each version and the audit key; the configuration holds only blobs', async () => {
  const env = kmsEnv()
  const material = await keyProviderFromEnv(env).load()
  expect(material.data.current).toBe(2)
  expect(material.data.keys.get(1)).toEqual(K1)
  expect(material.data.keys.get(2)).toEqual(K2)
  expect(material.audit).toEqual(AUDIT)
  const config = JSON.stringify(env)
  for (const key of [K1, K2, AUDIT]) expect(config).not.toContain(key.toString('base64'))
  // Values sealed under key 1 open with the loaded ring; new ones are under key 2.
  const old = createKeyRingCipher({ data: { current: 1, keys: new Map([[1, K1]]) }, audit: AUDIT })
  const ring = createKeyRingCipher(material)
  expect(ring.decrypt(old.encrypt('532504199001011238'))).toBe('532504199001011238')
  expect(ring.encrypt('x').startsWith('v2.')).toBe(true)
})

test('KMS: a data key blob passed off as the audit key is refused (the encryption context binds each blob to its use)', async () => {
  const swapped = kmsEnv({ LANTIAN_AUDIT_KEY_BLOB: kms.encrypt(K1, { lantian: 'data', version: '1' }) })
  await expect(kmsKeys(swapped).load()).rejects.toThrow('InvalidParameterValue.InvalidCiphertext')
})

test('KMS: a request signed with another secret key, or without the session token, is refused', async () => {
  await expect(kmsKeys(kmsEnv({ TENCENTCLOUD_SECRETKEY: 'not-the-role-key' })).load()).rejects.toThrow('AuthFailure.SignatureFailure')
  const { TENCENTCLOUD_SESSIONTOKEN: _t, ...noToken } = kmsEnv()
  await expect(kmsKeys(noToken).load()).rejects.toThrow('AuthFailure.TokenFailure')
  await expect(kmsKeys({ ...kmsEnv(), TENCENTCLOUD_SECRETID: '' }).load()).rejects.toThrow(/no role credentials/)
})

test('KMS: a configuration without the current version is named, without any value in the message', async () => {
  const env = kmsEnv({ LANTIAN_DATA_KEYS: JSON.stringify({ current: 3, keys: { 1: 'blob' } }) })
  await expect(kmsKeys(env).load()).rejects.toThrow(/LANTIAN_DATA_KEYS must be JSON .* naming the current version/)
})

test('SSM: two secrets, each read at its version by the role', async () => {
  kms.putSecret('lantian-data', 'v3', JSON.stringify({ current: 2, keys: { 1: K1.toString('base64'), 2: K2.toString('base64') } }))
  kms.putSecret('lantian-audit', 'v1', AUDIT.toString('base64'))
  const env = { ...ROLE_ENV, LANTIAN_KEY_SOURCE: 'ssm', LANTIAN_KEY_ENDPOINT: kms.url, LANTIAN_DATA_SECRET: 'lantian-data@v3', LANTIAN_AUDIT_SECRET: 'lantian-audit@v1' }
  const material = await keyProviderFromEnv(env).load()
  expect([material.data.current, material.data.keys.get(2), material.audit]).toEqual([2, K2, AUDIT])
  await expect(ssmKeys({ ...env, LANTIAN_DATA_SECRET: 'lantian-data' }).load()).rejects.toThrow(/<secret name>@<version id>/)
  await expect(ssmKeys({ ...env, LANTIAN_DATA_SECRET: 'lantian-data@v9' }).load()).rejects.toThrow('ResourceNotFound')
})

test('an unknown key source is refused by name', () => {
  expect(() => keyProviderFromEnv({ LANTIAN_KEY_SOURCE: 'vault' })).toThrow('LANTIAN_KEY_SOURCE must be kms, ssm or env')
})

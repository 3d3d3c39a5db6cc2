/**
 * A loopback stand-in of the two Tencent Cloud APIs the key providers call: KMS `Decrypt`
 * (2019-01-18) and SSM `GetSecretValue` (2019-09-23), answering in API 3.0's `{ Response }` shape.
 * It checks each request's TC3-HMAC-SHA256 signature on its own (from the documented steps, not
 * with the code under test), the session token and the encryption context a blob was made with.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface KeyServiceStandin {
  url: string
  /** A KMS ciphertext blob of `plain`, decryptable only with the same encryption context. */
  encrypt(plain: Buffer, context: object): string
  /** Stores a secret version for GetSecretValue. */
  putSecret(name: string, version: string, value: string): void
  /** Every call, in order: its action and whether it was accepted. */
  calls: { action: string; ok: boolean }[]
  close(): Promise<void>
}

const h = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s).digest()
const hex = (s: string) => createHash('sha256').update(s).digest('hex')

function signatureProblem(req: IncomingMessage, body: string, creds: { secretId: string; secretKey: string; token: string }): string | null {
  const auth = String(req.headers.authorization ?? '')
  const m = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/(\w+)\/tc3_request, SignedHeaders=([\w;-]+), Signature=([0-9a-f]{64})$/.exec(auth)
  if (!m) return 'AuthFailure.InvalidAuthorization'
  const [, id, date, service, signed, signature] = m
  if (id !== creds.secretId) return 'AuthFailure.SecretIdNotFound'
  if (req.headers['x-tc-token'] !== creds.token) return 'AuthFailure.TokenFailure'
  const ts = Number(req.headers['x-tc-timestamp'])
  if (new Date(ts * 1000).toISOString().slice(0, 10) !== date || Math.abs(Date.now() / 1000 - ts) > 300) return 'AuthFailure.SignatureExpire'
  const headers = signed.split(';').map((n) => `${n}:${String(req.headers[n]).trim().toLowerCase()}\n`).join('')
  const canonical = `POST\n/\n\n${headers}\n${signed}\n${hex(body)}`
  const toSign = `TC3-HMAC-SHA256\n${ts}\n${date}/${service}/tc3_request\n${hex(canonical)}`
  const key = h(h(h('TC3' + creds.secretKey, date), service), 'tc3_request')
  return createHmac('sha256', key).update(toSign).digest('hex') === signature ? null : 'AuthFailure.SignatureFailure'
}

export async function startKeyServiceStandin(creds: { secretId: string; secretKey: string; token: string }): Promise<KeyServiceStandin> {
  const blobs = new Map<string, { plain: Buffer; context: string }>()
  const secrets = new Map<string, string>()
  const calls: { action: string; ok: boolean }[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString('utf8')))
    req.on('end', () => {
      const action = String(req.headers['x-tc-action'] ?? '')
      const reply = (response: object) => {
        calls.push({ action, ok: !('Error' in response) })
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ Response: { ...response, RequestId: randomBytes(8).toString('hex') } }))
      }
      const fail = (Code: string) => reply({ Error: { Code, Message: `refused: ${Code}` } })
      const problem = signatureProblem(req, body, creds)
      if (problem) return fail(problem)
      const input = JSON.parse(body) as Record<string, string>
      if (action === 'Decrypt' && req.headers['x-tc-version'] === '2019-01-18') {
        const blob = blobs.get(input.CiphertextBlob)
        if (!blob) return fail('InvalidParameterValue.InvalidCiphertext')
        if (blob.context !== (input.EncryptionContext ?? '')) return fail('InvalidParameterValue.InvalidCiphertext')
        return reply({ KeyId: 'cmk-standin', Plaintext: blob.plain.toString('base64') })
      }
      if (action === 'GetSecretValue' && req.headers['x-tc-version'] === '2019-09-23') {
        const value = secrets.get(`${input.SecretName}@${input.VersionId}`)
        return value === undefined ? fail('ResourceNotFound') : reply({ SecretName: input.SecretName, VersionId: input.VersionId, SecretString: value })
      }
      return fail('InvalidAction')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    encrypt(plain, context) {
      const blob = randomBytes(48).toString('base64')
      blobs.set(blob, { plain, context: JSON.stringify(context) })
      return blob
    },
    putSecret: (name, version, value) => secrets.set(`${name}@${version}`, value),
    calls,
    close: () => new Promise((r) => server.close(() => r())),
  }
}

import { createHash, createHmac } from 'node:crypto'

/** Temporary or permanent Tencent Cloud credentials; a function's role gets temporary ones with a token. */
export interface TencentCredentials {
  secretId: string
  secretKey: string
  token?: string
}

/** One Tencent Cloud API 3.0 call: the service (`kms`, `ssm`), its action and version, and the JSON body. */
export interface TencentCall {
  service: string
  host: string
  action: string
  version: string
  region?: string
  payload: string
  /** Seconds since the epoch. */
  timestamp: number
}

export const TC3_CONTENT_TYPE = 'application/json; charset=utf-8'
const SIGNED_HEADERS = 'content-type;host;x-tc-action'

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest()

/**
 * The TC3-HMAC-SHA256 signature of a POST of `call` (Tencent Cloud API 3.0, "signature v3"):
 * canonical request of the method, `/`, no query, the content type, host and action headers and
 * the body's hash; signed with a key derived from the secret key, the UTC date and the service.
 */
export function tc3Signature(call: TencentCall, secretKey: string): { signature: string; scope: string } {
  const date = new Date(call.timestamp * 1000).toISOString().slice(0, 10)
  const canonical = ['POST', '/', '', `content-type:${TC3_CONTENT_TYPE}`, `host:${call.host}`, `x-tc-action:${call.action.toLowerCase()}`, '', SIGNED_HEADERS, sha256(call.payload)].join('\n')
  const scope = `${date}/${call.service}/tc3_request`
  const toSign = ['TC3-HMAC-SHA256', String(call.timestamp), scope, sha256(canonical)].join('\n')
  const signing = hmac(hmac(hmac(`TC3${secretKey}`, date), call.service), 'tc3_request')
  return { signature: createHmac('sha256', signing).update(toSign, 'utf8').digest('hex'), scope }
}

/** The headers of a signed call: the common parameters of API 3.0 and the Authorization. */
export function tc3Headers(call: TencentCall, creds: TencentCredentials): Record<string, string> {
  const { signature, scope } = tc3Signature(call, creds.secretKey)
  return {
    Authorization: `TC3-HMAC-SHA256 Credential=${creds.secretId}/${scope}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`,
    'Content-Type': TC3_CONTENT_TYPE,
    Host: call.host,
    'X-TC-Action': call.action,
    'X-TC-Timestamp': String(call.timestamp),
    'X-TC-Version': call.version,
    ...(call.region ? { 'X-TC-Region': call.region } : {}),
    ...(creds.token ? { 'X-TC-Token': creds.token } : {}),
  }
}

/** A failed call: the API's error code only (its message may echo request values, so it is not kept). */
export class TencentApiError extends Error {
  constructor(readonly code: string) {
    super(`Tencent Cloud API error ${code}`)
    this.name = 'TencentApiError'
  }
}

/**
 * Calls `action` of `service` at `endpoint` (an origin such as `https://<service host>`) with
 * `body`, signed with `creds`; the `Response` object of the reply, or a TencentApiError.
 */
export async function callTencentApi(
  endpoint: string,
  creds: TencentCredentials,
  req: { service: string; action: string; version: string; region?: string; body: object },
  now: () => number = Date.now,
): Promise<Record<string, unknown>> {
  const url = new URL(endpoint)
  const call: TencentCall = { service: req.service, host: url.host, action: req.action, version: req.version, region: req.region, payload: JSON.stringify(req.body), timestamp: Math.floor(now() / 1000) }
  const res = await fetch(url, { method: 'POST', headers: tc3Headers(call, creds), body: call.payload, signal: AbortSignal.timeout(5000) })
  const reply = (await res.json().catch(() => null)) as { Response?: Record<string, unknown> & { Error?: { Code?: string } } } | null
  const response = reply?.Response
  if (!response) throw new TencentApiError(`HTTP${res.status}`)
  if (response.Error) throw new TencentApiError(String(response.Error.Code ?? 'Unknown'))
  return response
}

/**
 * Calling the built functions as CloudBase does, many users at once in one process: each
 * `cloudfunctions/<fn>/index.js` bundle (its own copy of the SDK inside) is required once, a warm
 * container, and each call runs `main(event, context)` as its caller (WX_OPENID per call, see
 * ./caller-identity.ts). Every HTTP request the SDK sends during a call is counted for that call,
 * by database action, by wrapping Node's `http.request`: the bundles stay untouched.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import http, { type ClientRequest } from 'node:http'
import { join, resolve } from 'node:path'
import { asCaller } from './caller-identity'

/** A function's entry as bundled. */
export type Main = (event: unknown, context?: unknown) => Promise<unknown>

/** Requires `cloudfunctions/<fn>/index.js` of each function (build them first: `npm run build:functions`). */
export function loadBundles<F extends string>(names: readonly F[]): Record<F, Main> {
  const root = resolve(__dirname, '..', '..')
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return Object.fromEntries(names.map((fn) => [fn, (require(join(root, 'cloudfunctions', fn, 'index.js')) as { main: Main }).main])) as Record<F, Main>
}

/** What one call asked of the database: requests by action (`database.getDocument`, …). */
export type Requests = Record<string, number>

const current = new AsyncLocalStorage<Requests>()
let inFlight = 0
let peakInFlight = 0

/** The most SDK requests that were in flight at once since the last `resetPeak` (a plan's connection limit applies to these). */
export const peakRequestsInFlight = () => peakInFlight
export const resetPeak = () => void (peakInFlight = inFlight)

const actionOf = (body: string): string => {
  try {
    return String((JSON.parse(body) as { action?: unknown }).action ?? 'other')
  } catch {
    return 'other'
  }
}

let watching = false
/**
 * Counts the SDK's requests per call from now on: `http.request` (which the SDK looks up on the
 * shared `http` module at each request) is wrapped to note the request's action in the calling
 * chain's counts, and how many requests are in flight.
 */
export function watchRequests(): void {
  if (watching) return
  watching = true
  const request = http.request.bind(http) as (...args: unknown[]) => ClientRequest
  http.request = ((...args: unknown[]) => {
    const req = request(...args)
    inFlight++
    peakInFlight = Math.max(peakInFlight, inFlight)
    req.once('close', () => inFlight--)
    const counts = current.getStore()
    if (counts) countBody(req, counts)
    return req
  }) as typeof http.request
}

/** Notes the action of the JSON body `req` sends, once it is ended. */
function countBody(req: ClientRequest, counts: Requests): void {
  const chunks: Buffer[] = []
  const keep = (chunk: unknown) => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk))
  }
  const write = req.write.bind(req) as (...args: unknown[]) => boolean
  const end = req.end.bind(req) as (...args: unknown[]) => ClientRequest
  req.write = ((chunk: unknown, ...rest: unknown[]) => (keep(chunk), write(chunk, ...rest))) as ClientRequest['write']
  req.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'function') keep(chunk)
    const action = actionOf(Buffer.concat(chunks).toString('utf8'))
    counts[action] = (counts[action] ?? 0) + 1
    return end(chunk, ...rest)
  }) as ClientRequest['end']
}

/** Runs `work`, counting into `requests` the SDK requests it sends (needs `watchRequests`). */
export const counted = <T>(requests: Requests, work: () => Promise<T>): Promise<T> => current.run(requests, work)

/** One call as the user saw it. */
export interface CallRecord {
  fn: string
  action: string
  /** `ok`, the reply's error code, or `THROWN` when `main` threw (CloudBase would answer with a platform error). */
  outcome: string
  message?: string
  ms: number
  requests: Requests
}

/** Calls `main` with `event` as the WeChat user `openid` (none: a timer), counting its database requests. */
export async function callAs(main: Main, fn: string, openid: string | null, event: { action?: string } & Record<string, unknown>): Promise<CallRecord & { data?: unknown }> {
  const requests: Requests = {}
  const t0 = performance.now()
  const vars: Record<string, string> = openid ? { WX_OPENID: openid } : {}
  let reply: unknown
  try {
    reply = await asCaller(vars, () => current.run(requests, () => main(event, {})))
  } catch (err) {
    return { fn, action: event.action ?? 'timer', outcome: 'THROWN', message: String((err as Error)?.message ?? err).slice(0, 120), ms: performance.now() - t0, requests }
  }
  const ms = performance.now() - t0
  const r = reply as { ok?: boolean; data?: unknown; error?: { code: string; message: string } } | { error: string }
  const action = event.action ?? 'timer'
  if ('ok' in r && r.ok) return { fn, action, outcome: 'ok', ms, requests, data: r.data }
  if ('ok' in r && r.error) return { fn, action, outcome: r.error.code, message: r.error.message, ms, requests }
  if (typeof (r as { error?: unknown }).error === 'string') return { fn, action, outcome: 'FAILED', message: (r as { error: string }).error, ms, requests }
  return { fn, action, outcome: 'ok', ms, requests, data: r }
}

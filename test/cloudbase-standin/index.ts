import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { dispatch, type Body } from './actions'
import type { Doc } from './ejson'
import { Engine, type Id } from './engine'
import { StandinError } from './errors'
import { DEFAULT_LIMITS, limitsFromEnv, requestDelay, type StandinLimits } from './limits'
import { Schema, type StandinIndex } from './schema'
import { StorageStandin } from './storage'

export type { StandinIndex, StandinIndexKey } from './schema'
export type { StandinLimits } from './limits'

/**
 * Limits to override, and how to wait (tests pass a `sleep` that records the delays and holds
 * requests); `functions` answers `callFunction` (action functions.invokeFunction), e.g. by running
 * a built function bundle, with the event the caller sent; without it such a call fails.
 */
export type StandinOptions = Partial<StandinLimits> & { sleep?: (ms: number) => Promise<void>; functions?: (name: string, event: unknown) => Promise<unknown> }

/** One request as the stand-in saw it, for tests that check what the SDK sent. */
export interface SeenRequest {
  action: string
  collectionName?: string
  queryType?: string
  transactionId?: string
  /** As sent: EJSON strings (decode with `decode` from ./ejson); for checking which queries need indexes. */
  query?: unknown
  order?: unknown
  stages?: unknown
  /** Documents the reply carried (a read's list): what a read costs as the data grows. */
  documents?: number
  /** Documents a count counted (its total), which the reply does not carry. */
  counted?: number
  /** The index a read or count went through (`_id_` for one naming ids); none when it tested every document of the collection. */
  index?: string
}

/** A running loopback stand-in of the CloudBase database protocol. */
export interface Standin {
  /** The SDK's `serviceUrl`: `http://127.0.0.1:<port>/admin`. */
  url: string
  port: number
  /** Latency and limits in force; change them at any time (e.g. seed at full speed, then add latency). */
  limits: StandinLimits
  /** Drops all documents and open transactions; collections and indexes stay. */
  reset(): void
  close(): Promise<void>
  /** A deep copy of the committed documents, by collection and _id. */
  collections(): Map<string, Map<Id, Doc>>
  /** Creates a collection, as deploy (or the console) does; requests to any other collection fail. */
  createCollection(name: string): void
  /** Creates an index of an existing collection; a unique one is enforced, a 2dsphere one allows geo queries on its field. */
  createIndex(collection: string, index: StandinIndex): void
  dropIndex(collection: string, name: string): void
  /** The collections and their indexes (`_id_` included). */
  schema(): Map<string, StandinIndex[]>
  /** Every request received since start or the last `reset`. */
  requests: SeenRequest[]
  /** Files in the storage stand-in, by cloud path (cleared by `reset`). */
  storage: Map<string, Buffer>
}

/** The body, or null when it is larger than `max` bytes (read to the end either way). */
async function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size <= max) chunks.push(chunk as Buffer)
  }
  return size > max ? null : Buffer.concat(chunks).toString('utf8')
}

/**
 * Starts the stand-in on a free loopback port. Every reply is HTTP 200: `{ requestId, data }`,
 * `{ requestId, transactionId }`, or `{ requestId, code, message }`, which node-sdk throws.
 * It fails where CloudBase fails (README.md beside this file): collections must be created first,
 * geo queries need a 2dsphere index, transactions are snapshot-isolated with first writer wins and
 * hold only document operations by _id, and reads, documents, requests and transactions are limited.
 * `options` override the defaults, and the environment (`LANTIAN_STANDIN_LATENCY_MS`,
 * `LANTIAN_STANDIN_JITTER_MS`) overrides both. The signature is not checked, but an `authorization`
 * header must be present.
 */
export async function startStandin({ sleep: wait = sleep, functions, ...options }: StandinOptions = {}): Promise<Standin> {
  const limits: StandinLimits = { ...DEFAULT_LIMITS, ...options, ...limitsFromEnv() }
  const engine = new Engine(new Schema(), limits)
  const requests: SeenRequest[] = []
  let port = 0
  const storage = new StorageStandin(() => `http://127.0.0.1:${port}`)

  async function handle(req: IncomingMessage, requestId: string): Promise<Record<string, unknown>> {
    if (req.method !== 'POST' || !req.url?.startsWith('/admin')) throw new StandinError('INVALID_PARAM', 'POST /admin only')
    const text = await readBody(req, limits.maxRequestBytes)
    if (text === null) throw new StandinError('EXCEED_MAX_PAYLOAD_SIZE', `request body over ${limits.maxRequestBytes} bytes`)
    if (!req.headers.authorization) throw new StandinError('MISSING_CREDENTIALS', '请求头中缺少必要的身份鉴权信息')
    const body = JSON.parse(text) as Body
    const seen: SeenRequest = {
      action: String(body.action),
      collectionName: body.collectionName as string | undefined,
      queryType: body.queryType as string | undefined,
      transactionId: body.transactionId as string | undefined,
      query: body.query,
      order: body.order,
      stages: body.stages,
    }
    requests.push(seen)
    if (body.action === 'functions.invokeFunction') {
      if (!functions) throw new StandinError('FUNCTIONS_EXECUTE_FAIL', `function ${String(body.function_name)} is not deployed here`)
      const event = body.request_data ? (JSON.parse(String(body.request_data)) as unknown) : {}
      return { requestId, data: { response_data: JSON.stringify(await functions(String(body.function_name), event)) } }
    }
    if (String(body.action).startsWith('storage.')) return { requestId, ...storage.dispatch(body) }
    const { index, ...reply } = await dispatch(engine, body)
    if (index) seen.index = index
    const data = reply.data as { list?: unknown[]; total?: number } | undefined
    if (Array.isArray(data?.list)) seen.documents = data.list.length
    else if (typeof data?.total === 'number') seen.counted = data.total
    return { requestId, ...reply }
  }

  let inFlight = 0
  const server = createServer(async (req, res) => {
    if (req.url?.startsWith('/cos/')) return storage.serve(req, res)
    const requestId = randomUUID()
    // A round trip: half the delay on the way in, half on the way out.
    const delay = requestDelay(limits)
    // Counted from arrival to reply, its whole round trip, as a connection the database holds open.
    const refused = ++inFlight > limits.maxConcurrentRequests
    try {
      if (delay > 0) await wait(delay / 2)
      let reply: Record<string, unknown>
      try {
        if (refused) throw new StandinError('EXCEED_CONCURRENT_REQUEST_LIMIT', `more than ${limits.maxConcurrentRequests} requests at once`)
        reply = await handle(req, requestId)
      } catch (err) {
        const known = err instanceof StandinError
        reply = { requestId, code: known ? err.code : 'DATABASE_REQUEST_FAILED', message: err instanceof Error ? err.message : String(err) }
      }
      if (delay > 0) await wait(delay / 2)
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(reply))
    } finally {
      inFlight--
    }
  })

  // Idle connections stay open a minute: under load the SDK reuses a kept-alive connection just as
  // Node's 5-second default would close it, an ECONNRESET of this loopback, not of CloudBase.
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}/admin`,
    port,
    limits,
    requests,
    storage: storage.files,
    reset() {
      engine.reset()
      storage.files.clear()
      requests.length = 0
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      }),
    collections: () => engine.snapshot(),
    createCollection: (name) => engine.schema.create(name),
    createIndex: (collection, index) => engine.createIndex(collection, index),
    dropIndex: (collection, name) => engine.dropIndex(collection, name),
    schema: () => engine.schema.describe(),
  }
}

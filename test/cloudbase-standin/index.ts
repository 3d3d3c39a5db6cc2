import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dispatch, type Body } from './actions'
import type { Doc } from './ejson'
import { Engine, StandinError, type Id } from './engine'
import { StorageStandin } from './storage'

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
}

/** A running loopback stand-in of the CloudBase database protocol. */
export interface Standin {
  /** The SDK's `serviceUrl`: `http://127.0.0.1:<port>/admin`. */
  url: string
  port: number
  /** Drops all documents and open transactions; declared unique indexes stay. */
  reset(): void
  close(): Promise<void>
  /** A deep copy of the committed documents, by collection and _id. */
  collections(): Map<string, Map<Id, Doc>>
  /** Rejects writes that would give two documents of `collection` the same values of `fields`. */
  declareUniqueIndex(collection: string, fields: string[]): void
  /** Every request received since start or the last `reset`. */
  requests: SeenRequest[]
  /** Files in the storage stand-in, by cloud path (cleared by `reset`). */
  storage: Map<string, Buffer>
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * Starts the stand-in on a free loopback port. Every reply is HTTP 200: `{ requestId, data }`,
 * `{ requestId, transactionId }`, or `{ requestId, code, message }`, which node-sdk throws.
 * Transactions are snapshot-isolated, first writer wins (see `Engine`); inside one, only document
 * operations by _id are accepted. The signature is not checked, but an `authorization` header must be present.
 */
export async function startStandin(): Promise<Standin> {
  const engine = new Engine()
  const requests: SeenRequest[] = []
  let port = 0
  const storage = new StorageStandin(() => `http://127.0.0.1:${port}`)

  const server = createServer(async (req, res) => {
    if (req.url?.startsWith('/cos/')) return storage.serve(req, res)
    const requestId = randomUUID()
    let reply: Record<string, unknown>
    try {
      if (req.method !== 'POST' || !req.url?.startsWith('/admin')) throw new StandinError('INVALID_PARAM', 'POST /admin only')
      const text = await readBody(req)
      if (!req.headers.authorization) throw new StandinError('MISSING_CREDENTIALS', '请求头中缺少必要的身份鉴权信息')
      const body = JSON.parse(text) as Body
      requests.push({
        action: String(body.action),
        collectionName: body.collectionName as string | undefined,
        queryType: body.queryType as string | undefined,
        transactionId: body.transactionId as string | undefined,
        query: body.query,
        order: body.order,
        stages: body.stages,
      })
      reply = { requestId, ...(String(body.action).startsWith('storage.') ? storage.dispatch(body) : await dispatch(engine, body)) }
    } catch (err) {
      const known = err instanceof StandinError
      reply = { requestId, code: known ? err.code : 'DATABASE_REQUEST_FAILED', message: err instanceof Error ? err.message : String(err) }
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(reply))
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}/admin`,
    port,
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
    declareUniqueIndex: (collection, fields) => engine.declareUniqueIndex(collection, fields),
  }
}

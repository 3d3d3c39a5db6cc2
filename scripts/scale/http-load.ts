/**
 * The local server on a free port over a store the bench built, and an HTTP client on a worker
 * thread (its own event loop, so the client's work is not counted against the server's): a batch
 * of requests sent over keep-alive connections, a few at a time, timed from first to last reply.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { fileLinks } from '../../server/adapters/files/file-links'
import { createLocalServer } from '../../server/local/http'
import { DEFAULT_LIMITS } from '../../server/local/limits'
import { SESSION_COOKIE } from '../../server/local/session'
import { openSessionStore, type SessionStore } from '../../server/local/session-store'
import type { Deps } from '../../server/ports'

/** One request as the client sends it. */
export interface LoadRequest {
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

/**
 * CPU time so far of this process's main thread (the server's; the client has a thread of its own),
 * in ms, where Linux tells it (`/proc`, in ticks of 10 ms), else null: on a shared machine it moves far
 * less than the wall-clock rates.
 */
export function serverThreadCpuMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

/** How a batch went: its time, the replies that were a success (200, and `ok: true` for the API), and a few failures. */
export interface LoadResult {
  ms: number
  /** The server thread's CPU time over the batch (see serverThreadCpuMs), null where unknown. */
  cpuMs: number | null
  ok: number
  failed: string[]
}

const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads')
const http = require('node:http')
const agent = new http.Agent({ keepAlive: true, maxSockets: workerData.concurrency })
const send = (q) => new Promise((resolve, reject) => {
  const req = http.request({ agent, host: '127.0.0.1', port: workerData.port, method: q.method, path: q.path, headers: q.headers }, (res) => {
    const chunks = []
    res.on('data', (c) => chunks.push(c))
    res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }))
  })
  req.on('error', reject)
  req.end(q.body)
})
const success = (q, r) => r.status === 200 && (q.method === 'GET' || JSON.parse(r.body).ok === true)
parentPort.on('message', async (requests) => {
  let next = 0, ok = 0
  const failed = []
  const started = performance.now()
  await Promise.all(Array.from({ length: workerData.concurrency }, async () => {
    while (next < requests.length) {
      const q = requests[next++]
      const r = await send(q)
      if (success(q, r)) ok++
      else if (failed.length < 3) failed.push(r.status + ' ' + r.body.slice(0, 200))
    }
  }))
  parentPort.postMessage({ ms: performance.now() - started, ok, failed })
})
`

/** The running server, a client and a way to sign workers in. */
export interface LoadServer {
  origin: string
  /** A worker's session cookie (a session made as the demo sign-in makes one). */
  signIn(openid: string): string
  send(requests: LoadRequest[]): Promise<LoadResult>
  close(): Promise<void>
}

/** Starts the local server's HTTP handling over `deps` with a one-page web root, and the client (`concurrency` requests in flight). */
export async function startLoadServer(deps: Deps, dir: string, concurrency: number): Promise<LoadServer> {
  const webRoot = join(dir, 'web')
  mkdirSync(webRoot, { recursive: true })
  // About the size of the H5 build's index.html.
  writeFileSync(join(webRoot, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><title>蓝天帮扶</title>${'<link rel="stylesheet" href="/css/app.css">'.repeat(8)}</head><body><div id="app"></div>${'<script src="/js/app.js"></script>'.repeat(8)}</body></html>`)
  const sessions: SessionStore = openSessionStore(join(dir, 'sessions.db'))
  const host = '127.0.0.1'
  const limits = { ...DEFAULT_LIMITS, maxConnectionsPerClient: concurrency * 2 }
  const server = createLocalServer({ deps, webRoot, sessions, sessionHours: 8, host, limits, verifyFileLink: fileLinks(randomBytes(32)).verify })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  const client = new Worker(CLIENT, { eval: true, workerData: { port, concurrency } })
  return {
    origin: `http://${host}:${port}`,
    signIn(openid) {
      const now = Date.now()
      return `${SESSION_COOKIE}=${sessions.create({ sub: openid, name: '张小明', expiresAt: now + 8 * 3_600_000, staff: null }, now)}`
    },
    send(requests) {
      const cpu = serverThreadCpuMs()
      return new Promise<Omit<LoadResult, 'cpuMs'>>((resolve, reject) => {
        client.once('message', resolve)
        client.once('error', reject)
        client.postMessage(requests)
      }).then((r) => {
        const after = serverThreadCpuMs()
        return { ...r, cpuMs: cpu === null || after === null ? null : after - cpu }
      })
    },
    async close() {
      await client.terminate()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      sessions.close()
    },
  }
}

import { request, type IncomingHttpHeaders } from 'node:http'
import { connect, type Socket } from 'node:net'

/** A reply read to the end, with every header as sent. */
export interface RawReply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/** One request on its own connection, with exactly the headers given (`Host` too): what fetch hides or fixes. */
export function rawRequest(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawReply> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers: { host: `${hostname}:${port}`, ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** A bare TCP connection to the server, from `localAddress` when given, with what it received and whether it was closed. */
export interface OpenSocket {
  socket: Socket
  received(): string
  closed: Promise<void>
  isClosed(): boolean
  /** Resolves at the first bytes from the server or when the connection closes, whichever comes first. */
  heard: Promise<void>
}

export function openSocket(base: string, localAddress?: string): Promise<OpenSocket> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), ...(localAddress ? { localAddress } : {}) })
    let data = ''
    let done = false
    socket.on('data', (d: Buffer) => (data += d.toString('latin1')))
    socket.on('error', () => undefined)
    const closed = new Promise<void>((r) => socket.once('close', () => r(void (done = true))))
    const heard = Promise.race([closed, new Promise<void>((r) => socket.once('data', () => r()))])
    socket.once('connect', () => resolve({ socket, received: () => data, closed, isClosed: () => done, heard }))
    socket.once('error', reject)
  })
}

import type { Server, ServerOptions } from 'node:http'

/** How long a client may take and how much of the server it may hold (README: Local settings). */
export interface LocalLimits {
  /** The request line and headers must have arrived within this (an idle new connection too). */
  headersTimeoutMs: number
  /** The whole request, body included, must have arrived within this; node answers 408 and closes. */
  requestTimeoutMs: number
  /** Open connections from one client address; more are closed at once. */
  maxConnectionsPerClient: number
  /** Open connections in total. */
  maxConnections: number
  /** Demo sign-ins per client address per minute. */
  signInsPerMinute: number
}

export const DEFAULT_LIMITS: LocalLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnectionsPerClient: 32,
  maxConnections: 256,
  signInsPerMinute: 20,
}

/**
 * Node's timeouts for `createServer`. Node checks them every `connectionsCheckingInterval`
 * (30 s by default, which would let a trickle outlive a short deadline), so it is a tenth of the
 * header deadline here, at most one second.
 */
export function timeoutOptions(limits: LocalLimits): ServerOptions {
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) throw new Error('headersTimeoutMs must not exceed requestTimeoutMs')
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(limits.headersTimeoutMs / 10))),
  }
}

/** Caps open connections in total and per client address; one over the cap is closed before it is read. */
export function capConnections(server: Server, limits: LocalLimits): void {
  server.maxConnections = limits.maxConnections
  const open = new Map<string, number>()
  server.on('connection', (socket) => {
    const client = socket.remoteAddress ?? ''
    const count = open.get(client) ?? 0
    if (count >= limits.maxConnectionsPerClient) return void socket.destroy()
    open.set(client, count + 1)
    socket.once('close', () => {
      const left = (open.get(client) ?? 1) - 1
      if (left > 0) open.set(client, left)
      else open.delete(client)
    })
  })
}

/** The answer to one attempt: go ahead, or wait this many seconds. */
export type Attempt = { ok: true } | { ok: false; retryAfterSeconds: number }

/**
 * A fixed-window counter per key (a client address), kept in memory: it guards the process that
 * holds it, and a restart, which only the machine's owner can cause, may well forget it.
 */
export function windowLimiter(perWindow: number, windowMs: number): { attempt(key: string, now: number): Attempt } {
  const windows = new Map<string, { start: number; count: number }>()
  return {
    attempt(key, now) {
      if (windows.size > 10_000) for (const [k, w] of windows) if (now - w.start >= windowMs) windows.delete(k)
      const w = windows.get(key)
      if (!w || now - w.start >= windowMs) {
        windows.set(key, { start: now, count: 1 })
        return { ok: true }
      }
      if (w.count >= perWindow) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) }
      w.count++
      return { ok: true }
    },
  }
}

import type { IncomingMessage } from 'node:http'
import { BlockList, isIP } from 'node:net'

const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')

/** 127.0.0.0/8, ::1 (IPv4-mapped forms included) or the name `localhost`; never 0.0.0.0, :: or a LAN address. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (h === 'localhost') return true
  const family = isIP(h)
  return family !== 0 && LOOPBACK.check(h, family === 6 ? 'ipv6' : 'ipv4')
}

/**
 * Refuses to serve the demo sign-in beyond this machine: anyone who reaches it can take an admin
 * session and read full ID numbers. Local mode has no other sign-in, so there is no switch.
 */
export function assertLoopback(host: string): void {
  if (isLoopbackHost(host)) return
  throw new Error(
    `LANTIAN_HOST=${host} is not a loopback address. The local server's demo sign-in gives anyone who can reach it ` +
      'an admin session (and full ID numbers), so it listens only on 127.0.0.1, ::1 or localhost. ' +
      'The demo sign-in cannot be turned off; to serve a union beyond one computer, deploy to CloudBase (README: Deploy to CloudBase).',
  )
}

/** A host as it appears in a `Host` header or a URL: IPv6 literals in brackets, lower case. */
export const urlHost = (host: string) => {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  return isIP(h) === 6 ? `[${h}]` : h
}

/** `Host` values this server answers to: the configured host and the loopback names, with the port it was reached on. */
export function allowedAuthorities(configHost: string, port: number): string[] {
  const hosts = new Set([urlHost(configHost), '127.0.0.1', 'localhost', '[::1]'])
  return [...hosts].flatMap((h) => (port === 80 ? [`${h}:80`, h] : [`${h}:${port}`]))
}

/** Why a request is refused: a foreign `Host`, a foreign `Origin` (or fetch site, or referrer), or no proof of origin on a write. */
export type OriginRefusal = 'host' | 'origin' | 'proof'

const READS = new Set(['GET', 'HEAD'])

/**
 * Checks `Host` and `Origin` on every request, and on every write a same-origin proof: the
 * `Origin`, else `Sec-Fetch-Site`, else the `Referer`. Browsers send `Origin` on every POST
 * (Referrer-Policy `same-origin` keeps it from being `null`), so a write with none of the three
 * is not from our page and is refused too. A foreign `Host` is DNS rebinding.
 */
export function checkOrigin(req: IncomingMessage, configHost: string): OriginRefusal | null {
  const host = (req.headers.host ?? '').toLowerCase()
  if (!allowedAuthorities(configHost, req.socket.localPort ?? 0).includes(host)) return 'host'
  const self = `http://${host}`
  const origin = req.headers.origin
  if (origin !== undefined && origin.toLowerCase() !== self) return 'origin'
  if (READS.has(req.method ?? '') || origin !== undefined) return null
  const site = req.headers['sec-fetch-site']
  if (site !== undefined) return site === 'same-origin' ? null : 'origin'
  const referer = req.headers.referer
  if (referer === undefined) return 'proof'
  return URL.canParse(referer) && new URL(referer).origin === self ? null : 'origin'
}

/** What a refused request is told, in Chinese. */
export const REFUSAL_MESSAGES: Record<OriginRefusal, string> = {
  host: '访问地址不正确：请用本机地址（如 http://127.0.0.1）打开蓝天帮扶',
  origin: '请求来自其他网站，已拒绝',
  proof: '无法确认请求来自蓝天帮扶页面，已拒绝',
}

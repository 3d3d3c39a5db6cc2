import { createHash } from 'node:crypto'
import type { ServerResponse } from 'node:http'

/**
 * The Content-Security-Policy of every response. Taro's H5 bundle needs no eval (webpack's
 * `new Function("return this")` is only its fallback where `globalThis` is missing). Its
 * components insert `<style>` elements at run time (a dozen different ones on the first pages,
 * measured in Chromium), hence `'unsafe-inline'` for styles; scripts stay by file or by hash.
 * Images may be `data:` (documents shown to reviewers), `blob:` and `https:` (station photos).
 */
const directives = (scripts: string) =>
  [
    "default-src 'self'",
    `script-src 'self'${scripts}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')

const CSP = directives('')

/** The CSP for one HTML page: its own inline `<script>` elements run by their hashes, no other inline script. */
export const cspForPage = (html: string) =>
  directives(
    [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => ` 'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`).join(''),
  )

/**
 * Set on every response before anything else: no framing, no sniffing, the referrer only to this
 * origin (so a same-origin POST keeps a real `Origin`; `no-referrer` would make it `null`).
 */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('content-security-policy', CSP)
  res.setHeader('x-frame-options', 'DENY')
  res.setHeader('x-content-type-options', 'nosniff')
  res.setHeader('referrer-policy', 'same-origin')
  res.setHeader('cross-origin-opener-policy', 'same-origin')
  res.setHeader('cross-origin-resource-policy', 'same-origin')
}

import { createHash } from 'node:crypto'
import type { ServerResponse } from 'node:http'

/**
 * The Content-Security-Policy of every response. Taro's H5 bundle needs no eval (webpack's
 * `new Function("return this")` is only its fallback where `globalThis` is missing); its
 * components insert `<style>` elements at run time, hence `'unsafe-inline'` for styles only.
 * Images may be `data:` (documents shown to reviewers), `blob:` and `https:` (station photos).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** The CSP with the inline scripts of one HTML page allowed by their hashes. */
export function cspWithScripts(hashes: readonly string[]): string {
  return hashes.length === 0 ? CSP : CSP.replace("script-src 'self'", `script-src 'self' ${hashes.map((h) => `'${h}'`).join(' ')}`)
}

/** `sha256-…` of each inline `<script>` of a page, as CSP source expressions want them. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => `sha256-${createHash('sha256').update(m[1]).digest('base64')}`)
}

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

import { createReadStream, readFileSync, statSync, type Stats } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { chooseEncoding, compressedFiles, etagOf, MIN_COMPRESS_BYTES, type FileVersion } from './compressed-files'
import { cspForPage } from './headers'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

/** Text formats: worth compressing (images and woff2 are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.ttf'])

/** One set of compressed copies for the process: every server of it serves one build. */
const copies = compressedFiles()

/**
 * Serves a file of the H5 build, or its index.html for any other path (the app routes by hash).
 * Text files go compressed (brotli or gzip, as the browser takes them, made once and kept);
 * files with a content hash in their name are kept by the browser for a year, everything else
 * (the index) is checked again on every use, answered 304 while unchanged.
 */
export async function serveStatic(root: string, urlPath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const decoded = safeDecode(urlPath)
  const rel = normalize(decoded ?? '/').replace(/^([/\\])+/, '')
  const file = join(root, rel)
  const inside = file === root || file.startsWith(root + sep)
  const asked = inside && decoded !== null ? fileStats(file) : null
  const target = asked ? file : join(root, 'index.html')
  const stats = asked ?? fileStats(target)
  if (!stats) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('前端尚未构建：请运行 npm run build:h5')
    return
  }
  const version: FileVersion = { path: target, size: stats.size, mtimeMs: stats.mtimeMs }
  const hashed = /\.[0-9a-f]{8}\.(js|css)$/.test(target)
  const type = TYPES[extname(target)]
  // A page's own inline script (Taro's root font size) runs by its hash; files of unknown type are only downloaded.
  if (type?.startsWith('text/html')) res.setHeader('content-security-policy', pageCsp(target))
  if (!type) res.setHeader('content-disposition', 'attachment')
  const compressible = COMPRESSIBLE.has(extname(target)) && stats.size >= MIN_COMPRESS_BYTES
  const etag = etagOf(version)
  res.setHeader('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache')
  res.setHeader('etag', etag)
  if (compressible) res.setHeader('vary', 'Accept-Encoding')
  if (notModified(req.headers['if-none-match'], etag)) {
    res.writeHead(304)
    res.end()
    return
  }
  const encoding = compressible ? chooseEncoding(req.headers['accept-encoding']) : null
  res.setHeader('content-type', type ?? 'application/octet-stream')
  if (!encoding) {
    res.writeHead(200, { 'content-length': stats.size })
    if (req.method === 'HEAD') return void res.end()
    createReadStream(target).on('error', () => res.destroy()).pipe(res)
    return
  }
  const body = await copies.get(version, encoding)
  res.writeHead(200, { 'content-encoding': encoding, 'content-length': body.length })
  res.end(req.method === 'HEAD' ? undefined : body)
}

/** Whether `If-None-Match` names the file's validator (weak comparison, as for a GET), or is `*`. */
function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  const bare = (tag: string) => tag.trim().replace(/^W\//, '')
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag))
}

const pageCsps = new Map<string, { mtimeMs: number; csp: string }>()

/** The CSP of an HTML file of the build, with its inline scripts' hashes, read again when the file changes. */
function pageCsp(file: string): string {
  const { mtimeMs } = statSync(file)
  const known = pageCsps.get(file)
  if (known?.mtimeMs === mtimeMs) return known.csp
  const csp = cspForPage(readFileSync(file, 'utf8'))
  pageCsps.set(file, { mtimeMs, csp })
  return csp
}

function fileStats(p: string): Stats | null {
  try {
    const stats = statSync(p)
    return stats.isFile() ? stats : null
  } catch {
    return null
  }
}

function safeDecode(p: string): string | null {
  try {
    return decodeURIComponent(p)
  } catch {
    return null
  }
}

import { createReadStream, readFileSync, statSync } from 'node:fs'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
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

/** Serves a file of the H5 build, or its index.html for any other path (the app routes by hash). */
export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  const decoded = safeDecode(urlPath)
  const rel = normalize(decoded ?? '/').replace(/^([/\\])+/, '')
  const file = join(root, rel)
  const inside = file === root || file.startsWith(root + sep)
  const target = inside && decoded !== null && isFile(file) ? file : join(root, 'index.html')
  if (!isFile(target)) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('前端尚未构建：请运行 npm run build:h5')
    return
  }
  const hashed = /\.[0-9a-f]{8}\.(js|css)$/.test(target)
  const type = TYPES[extname(target)]
  // A page's own inline script (Taro's root font size) runs by its hash; files of unknown type are only downloaded.
  if (type?.startsWith('text/html')) res.setHeader('content-security-policy', pageCsp(target))
  if (!type) res.setHeader('content-disposition', 'attachment')
  res.writeHead(200, {
    'content-type': type ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  createReadStream(target).pipe(res)
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

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile()
  } catch {
    return false
  }
}

function safeDecode(p: string): string | null {
  try {
    return decodeURIComponent(p)
  } catch {
    return null
  }
}

import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { startLocalApp, type LocalApp } from '../../server/local/app'
import { chooseEncoding, compressedFiles } from '../../server/local/compressed-files'
import { tempDir } from '../support/deps'
import { demoDataDir } from '../support/demo-template'

/** A reply with its bytes as sent (no decoding): what a browser receives before it inflates anything. */
function get(base: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }> {
  const { hostname, port } = new URL(base)
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

const BROWSER = { 'accept-encoding': 'gzip, deflate, br, zstd' }
const script = `/* the app */\n${Array.from({ length: 400 }, (_, i) => `export const value${i} = '${'蓝天'.repeat(i % 7)}${i}'`).join('\n')}\n`
const indexHtml = (build: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>蓝天帮扶</title>${'<meta name="x" content="padding">'.repeat(20)}<script defer src="/js/app.${build}.js"></script></head><body><div id="app"></div></body></html>`

describe('the local server sends the H5 build compressed, with caching headers', () => {
  let app: LocalApp
  let tmp: ReturnType<typeof tempDir>

  beforeAll(async () => {
    tmp = tempDir()
    mkdirSync(join(tmp.dir, 'js'))
    mkdirSync(join(tmp.dir, 'static'))
    writeFileSync(join(tmp.dir, 'index.html'), indexHtml('0123abcd'))
    writeFileSync(join(tmp.dir, 'js', 'app.0123abcd.js'), script)
    writeFileSync(join(tmp.dir, 'js', 'tiny.89abcdef.js'), 'export {}\n')
    writeFileSync(join(tmp.dir, 'static', 'logo.png'), Buffer.alloc(4096, 7))
    await demoDataDir(join(tmp.dir, 'data'))
    app = await startLocalApp({ host: '127.0.0.1', port: 0, dataDir: join(tmp.dir, 'data'), webRoot: tmp.dir, sessionHours: 1 })
  }, 120_000)
  afterAll(async () => {
    await app.close()
    tmp.cleanup()
  })

  it('sends a hashed script in brotli to a browser, kept for a year, its length the compressed one', async () => {
    const res = await get(app.url, '/js/app.0123abcd.js', BROWSER)
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers.vary).toBe('Accept-Encoding')
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(Number(res.headers['content-length'])).toBe(res.bytes.length)
    expect(res.bytes.length).toBeLessThan(Buffer.byteLength(script) / 4)
    expect(brotliDecompressSync(res.bytes).toString('utf8')).toBe(script)
  })

  it('sends gzip to a client without brotli, and the file as it is to one that takes neither', async () => {
    const gz = await get(app.url, '/js/app.0123abcd.js', { 'accept-encoding': 'gzip, deflate' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.bytes).toString('utf8')).toBe(script)
    const refused = await get(app.url, '/js/app.0123abcd.js', { 'accept-encoding': 'br;q=0, gzip;q=0.5' })
    expect(refused.headers['content-encoding']).toBe('gzip')
    const accepts: Record<string, string>[] = [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': '*;q=0' }]
    for (const accept of accepts) {
      const plain = await get(app.url, '/js/app.0123abcd.js', accept)
      expect(plain.headers['content-encoding']).toBeUndefined()
      expect(plain.headers.vary).toBe('Accept-Encoding')
      expect(plain.bytes.toString('utf8')).toBe(script)
      expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(script))
    }
  })

  it('answers HEAD with the headers and no body', async () => {
    const res = await get(app.url, '/js/app.0123abcd.js', BROWSER, 'HEAD')
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0)
    expect(res.bytes.length).toBe(0)
  })

  it('leaves images and tiny files as they are', async () => {
    const png = await get(app.url, '/static/logo.png', BROWSER)
    expect(png.headers['content-encoding']).toBeUndefined()
    expect(png.headers.vary).toBeUndefined()
    expect(png.headers['content-type']).toBe('image/png')
    expect(png.bytes.length).toBe(4096)
    const tiny = await get(app.url, '/js/tiny.89abcdef.js', BROWSER)
    expect(tiny.headers['content-encoding']).toBeUndefined()
    expect(tiny.bytes.toString('utf8')).toBe('export {}\n')
  })

  it('has the index checked on every use: 304 while unchanged, the new build once it changes', async () => {
    for (const path of ['/', '/index.html', '/some/route']) {
      const res = await get(app.url, path, BROWSER)
      expect(res.headers['cache-control']).toBe('no-cache')
      expect(res.headers['content-encoding']).toBe('br')
      expect(res.headers['content-security-policy']).toContain("script-src 'self'")
      expect(brotliDecompressSync(res.bytes).toString('utf8')).toBe(indexHtml('0123abcd'))
    }
    const first = await get(app.url, '/', BROWSER)
    const etag = String(first.headers.etag)
    expect(etag).toMatch(/^W\/".+"$/)
    const again = await get(app.url, '/', { ...BROWSER, 'if-none-match': etag })
    expect(again.status).toBe(304)
    expect(again.bytes.length).toBe(0)
    expect(again.headers['cache-control']).toBe('no-cache')

    writeFileSync(join(tmp.dir, 'index.html'), indexHtml('fedc4321'))
    utimesSync(join(tmp.dir, 'index.html'), new Date(), new Date(Date.now() + 5000))
    const changed = await get(app.url, '/', { ...BROWSER, 'if-none-match': etag })
    expect(changed.status).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)
    expect(brotliDecompressSync(changed.bytes).toString('utf8')).toBe(indexHtml('fedc4321'))
  })
})

describe('compressed copies', () => {
  it('are made once per file version, shared by requests that arrive together', async () => {
    const tmp = tempDir()
    try {
      const path = join(tmp.dir, 'a.js')
      writeFileSync(path, script)
      const files = compressedFiles()
      const version = { path, size: Buffer.byteLength(script), mtimeMs: 1 }
      const [a, b] = await Promise.all([files.get(version, 'br'), files.get(version, 'br')])
      expect(b).toBe(a)
      expect(await files.get(version, 'br')).toBe(a)
      writeFileSync(path, `${script}// changed\n`)
      const next = await files.get({ ...version, size: version.size + 12, mtimeMs: 2 }, 'br')
      expect(next).not.toBe(a)
      expect(brotliDecompressSync(next).toString('utf8')).toBe(`${script}// changed\n`)
    } finally {
      tmp.cleanup()
    }
  })

  it('take the encodings a client names, by preference', () => {
    expect(chooseEncoding('gzip, deflate, br')).toBe('br')
    expect(chooseEncoding('gzip')).toBe('gzip')
    expect(chooseEncoding('br;q=0, gzip')).toBe('gzip')
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding('*;q=0')).toBeNull()
    expect(chooseEncoding('identity')).toBeNull()
    expect(chooseEncoding(undefined)).toBeNull()
  })
})

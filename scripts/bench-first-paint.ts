/**
 * `npm run bench:first-paint`: the H5 app's first screen against a blank Taro 4 React app built
 * with the same toolchain, both served by the local server's static files (compressed), loaded
 * cold in Chromium with the CPU slowed down 4 times, interleaved BENCH_FIRST_PAINT_RUNS times
 * each (default 10). The app is loaded as a signed-in demo worker (its home page). Prints
 * `name=value` lines (medians) and the ratios. Builds `dist/h5` and the blank app when missing
 * (`--build` builds both again). BENCH_FIRST_PAINT_APP_DIR measures another build of the app;
 * BENCH_FIRST_PAINT_COMPARE_DIR adds a second build to the same run (before and after a change).
 * On a shared machine the medians move with the load: the fastest loads (`_min`) move less.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { chromium, type Browser } from 'playwright-core'
import { startLocalApp } from '../server/local/app'
import { setSecurityHeaders } from '../server/local/headers'
import { serveStatic } from '../server/local/static-files'
import { buildBlankApp } from './first-paint/blank-app'
import { loadOnce, median, type Load, type Target } from './first-paint/measure'

const RUNS = Number(process.env.BENCH_FIRST_PAINT_RUNS ?? 10)
const CPU_RATE = 4
const ROOT = resolve(__dirname, '..')
/** Another build of the app to measure (e.g. an older one) instead of `dist/h5`. */
const APP_DIR = process.env.BENCH_FIRST_PAINT_APP_DIR ? resolve(process.env.BENCH_FIRST_PAINT_APP_DIR) : join(ROOT, 'dist/h5')
/** A second build measured in the same run as `other` (figures and ratios prefixed `other_`). */
const COMPARE_DIR = process.env.BENCH_FIRST_PAINT_COMPARE_DIR ? resolve(process.env.BENCH_FIRST_PAINT_COMPARE_DIR) : null
const BLANK_DIR = join(ROOT, 'dist/blank-h5')
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

/** Serves a build folder exactly as the local server serves the app's (same headers, same compression). */
async function serveFolder(root: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    setSecurityHeaders(res)
    serveStatic(root, new URL(req.url ?? '/', 'http://local').pathname, req, res).catch(() => res.destroy())
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}

function ensureBuilds(rebuild: boolean): void {
  if (!process.env.BENCH_FIRST_PAINT_APP_DIR && (rebuild || !existsSync(join(APP_DIR, 'index.html')))) {
    console.error('building dist/h5 ...')
    execFileSync('npm', ['run', 'build:h5'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  }
  if (rebuild || !existsSync(join(BLANK_DIR, 'index.html'))) {
    console.error('building the blank Taro app ...')
    const work = mkdtempSync(join(tmpdir(), 'lantian-blank-taro-'))
    try {
      buildBlankApp(ROOT, work, BLANK_DIR)
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }
}

const FIGURES: [keyof Load, string][] = [
  ['firstPaint', 'first_paint_ms'],
  ['firstContentfulPaint', 'first_contentful_paint_ms'],
  ['contentShown', 'content_in_document_ms'],
  ['scriptMs', 'script_ms'],
  ['styleMs', 'style_ms'],
  ['layoutMs', 'layout_ms'],
  ['transferBytes', 'transfer_bytes'],
  ['meCalls', 'me_calls'],
]

/** The app from a build folder on its own local server (its own data), with a demo worker signed in. */
async function appTarget(browser: Browser, name: string, webRoot: string): Promise<{ target: Target; close: () => Promise<void> }> {
  const data = mkdtempSync(join(tmpdir(), 'lantian-bench-first-paint-'))
  const app = await startLocalApp({ host: '127.0.0.1', port: 0, dataDir: join(data, 'data'), webRoot, sessionHours: 2 })
  // A demo worker's session (the app sends a visitor without one to the sign-in first).
  const signIn = await browser.newContext()
  const page = await signIn.newPage()
  await page.goto(`${app.url}/demo-login`)
  await page.click('[data-account=new-worker]')
  await page.locator('[data-entry=apply]').waitFor()
  const storageState = await signIn.storageState()
  await signIn.close()
  const close = async () => {
    await app.close()
    rmSync(data, { recursive: true, force: true })
  }
  return { target: { name, url: `${app.url}/`, selector: '[data-entry=apply]', storageState }, close }
}

async function main(): Promise<void> {
  ensureBuilds(process.argv.includes('--build'))
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  const blank = await serveFolder(BLANK_DIR)
  const apps = [await appTarget(browser, 'app', APP_DIR)]
  if (COMPARE_DIR) apps.push(await appTarget(browser, 'other', COMPARE_DIR))
  try {
    const targets: Target[] = [...apps.map((a) => a.target), { name: 'blank', url: `${blank.url}/`, selector: '.index' }]
    const loads = new Map<string, Load[]>(targets.map((t) => [t.name, []]))
    // One warm-up load each (Chromium's own first start, the server's first compression), not counted.
    for (const t of targets) await loadOnce(browser, t, CPU_RATE)
    for (let i = 0; i < RUNS; i++) {
      // Each target first in turn: none always follows the same one.
      const order = targets.map((_, j) => targets[(i + j) % targets.length])
      for (const t of order) loads.get(t.name)!.push(await loadOnce(browser, t, CPU_RATE))
    }
    console.log(`runs=${RUNS}`)
    console.log(`cpu_slowdown=${CPU_RATE}`)
    const med = (name: string, key: keyof Load) => median(loads.get(name)!.map((l) => l[key]))
    const min = (name: string, key: keyof Load) => Math.min(...loads.get(name)!.map((l) => l[key]))
    for (const t of targets) for (const [key, label] of FIGURES) console.log(`${t.name}_${label}=${Math.round(med(t.name, key))}`)
    for (const t of targets) for (const [key, label] of FIGURES.slice(0, 2)) console.log(`${t.name}_${label}_min=${Math.round(min(t.name, key))}`)
    for (const { target } of apps) {
      const prefix = target.name === 'app' ? 'ratio' : `${target.name}_ratio`
      console.log(`${target.name}_me_calls_max=${Math.max(...loads.get(target.name)!.map((l) => l.meCalls))}`)
      for (const [key, label] of FIGURES.slice(0, 3)) console.log(`${prefix}_${label.replace(/_ms$/, '')}=${(med(target.name, key) / med('blank', key)).toFixed(2)}`)
      console.log(`${prefix}_first_contentful_paint_min=${(min(target.name, 'firstContentfulPaint') / min('blank', 'firstContentfulPaint')).toFixed(2)}`)
    }
  } finally {
    await browser.close()
    for (const a of apps) await a.close()
    blank.server.close()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})

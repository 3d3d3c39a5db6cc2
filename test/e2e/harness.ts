import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { startLocalApp, type LocalApp } from '../../server/local/app'
import { tempDir } from '../support/deps'
import { demoDataDir } from '../support/demo-template'

/** Screenshots land here (ignored by git), one per page under test. */
export const OUTPUT_DIR = resolve(__dirname, 'output')

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** The local app on a free port with a fresh data directory, and Debian's Chromium driven by Playwright. */
export interface E2E {
  app: LocalApp
  /** The app's clock: `clock.advance(ms)` moves the server's time forward. */
  clock: MovableClock
  browser: Browser
  /** A new browser profile at a phone's size: a new user; `extra` adds context options (geolocation, permissions). */
  newUser(extra?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>
  shot(page: Page, name: string): Promise<string>
  close(): Promise<void>
}

/** The app's clock, which a test moves forward (e.g. past a public notice) instead of waiting. */
export interface MovableClock {
  now(): Date
  advance(ms: number): void
}

function movableClock(): MovableClock {
  let offset = 0
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) }
}

/** Console errors and uncaught page errors since the last test ended: each one fails the test it happened in. */
const browserErrors: string[] = []

/**
 * Known noise left out, each with its reason (matched against the message and the address it names):
 * - a visitor of the local mode before the demo sign-in: the server answers a call UNAUTHENTICATED with
 *   HTTP 401, which the page handles (it offers the sign-in), but the browser logs every failed fetch.
 * - a call or upload while a test has cut the network (`context.setOffline`): the page keeps the form
 *   on the phone (未上传), but the browser logs the request it could not send.
 */
const IGNORED_CONSOLE: RegExp[] = [/status of 401 \(Unauthorized\) @ .*\/api\/account$/, /net::ERR_INTERNET_DISCONNECTED @ .*\/api\/[\w?=&%.-]+$/]

/** Records what the browser reports as an error on this page, for the check after each test. */
function watchErrors(page: Page): void {
  page.on('pageerror', (err) => {
    browserErrors.push(`${page.url()} page error: ${err.stack ?? err.message}`)
    console.error(`[browser] ${err.message}`)
  })
  page.on('console', (msg) => {
    const at = msg.location()
    if (msg.type() !== 'error' || IGNORED_CONSOLE.some((r) => r.test(`${msg.text()} @ ${at.url}`))) return
    browserErrors.push(`${page.url()} console error: ${msg.text()} (${at.url}:${at.lineNumber})`)
  })
}

/** The errors recorded since the last call, which clears them. */
export function takeBrowserErrors(): string[] {
  return browserErrors.splice(0)
}

// Registered once by every browser test file that imports the harness: 0 console errors on every page a test visits.
if (typeof afterEach === 'function') {
  afterEach(() => {
    const errors = takeBrowserErrors()
    if (errors.length > 0) throw new Error(`the browser reported ${errors.length} error(s):\n${errors.slice(0, 5).join('\n')}`)
  })
}

export async function startE2E(): Promise<E2E> {
  const webRoot = resolve('dist/h5')
  if (!existsSync(join(webRoot, 'index.html'))) throw new Error('dist/h5 is missing: run npm run build:h5 first')
  mkdirSync(OUTPUT_DIR, { recursive: true })
  const data = tempDir('lantian-e2e-')
  const clock = movableClock()
  // The app runs under the server's Content-Security-Policy: anything it refuses fails the file at close.
  const cspViolations: string[] = []
  // The demo as a first start seeds it, copied from this run's template (a second start finds it there).
  await demoDataDir(join(data.dir, 'data'))
  const app = await startLocalApp({ host: '127.0.0.1', port: 0, dataDir: join(data.dir, 'data'), webRoot, sessionHours: 1, clock })
  // Playwright gives each launch a fresh, temporary profile of its own.
  const browser = await chromium
    .launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
    .catch(async (err: unknown) => {
      await app.close()
      data.cleanup()
      throw err
    })
  return {
    app,
    clock,
    browser,
    async newUser(extra = {}) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true, ...extra })
      // Every page of the profile, those a test opens itself too.
      context.on('page', watchErrors)
      const page = await context.newPage()
      page.on('console', (msg) => {
        if (!/Content Security Policy/i.test(msg.text())) return
        cspViolations.push(`${page.url()}: ${msg.text()}`)
        console.error(`[csp] ${msg.text()}`)
      })
      return { context, page }
    },
    async shot(page, name) {
      // Taro's H5 pages slide in after navigation: wait until nothing moves before the picture.
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
      // A mobile layout viewport widens to fit a page still sliding in: wait until it is the phone's width again.
      await page.waitForFunction(() => document.documentElement.scrollWidth <= window.screen.width && window.innerWidth <= window.screen.width)
      const file = join(OUTPUT_DIR, `${name}.png`)
      await page.screenshot({ path: file, fullPage: true, scale: 'css' })
      return file
    },
    async close() {
      await browser.close()
      await app.close()
      data.cleanup()
      if (cspViolations.length > 0) throw new Error(`the Content-Security-Policy refused ${cspViolations.length} thing(s), first: ${cspViolations[0]}`)
    },
  }
}

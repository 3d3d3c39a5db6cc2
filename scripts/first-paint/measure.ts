import type { Browser, BrowserContextOptions } from 'playwright-core'

/** What one cold load of a page measured, in ms from the navigation's start (CPU slowed down). */
export interface Load {
  firstPaint: number
  firstContentfulPaint: number
  /** When the page's own content (the selector) was in the document. */
  contentShown: number
  /** `POST /api/account` calls with the action `me` during the load (until the network was idle). */
  meCalls: number
  /** Bytes of every response over the wire (compressed where the server compressed). */
  transferBytes: number
  /** Chromium's own totals for the page: script, style recalculation and layout. */
  scriptMs: number
  styleMs: number
  layoutMs: number
}

/** One app under test: where it is served, what shows when its first screen is there. */
export interface Target {
  name: string
  url: string
  selector: string
  /** Cookies and storage to start from (a signed-in demo user), else a fresh profile. */
  storageState?: BrowserContextOptions['storageState']
}

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', isMobile: true, hasTouch: true }

/** Loads the target once in a fresh browser context (an empty cache) with the CPU slowed down `cpuRate` times. */
export async function loadOnce(browser: Browser, target: Target, cpuRate: number): Promise<Load> {
  const context = await browser.newContext({ ...PHONE, storageState: target.storageState })
  try {
    const page = await context.newPage()
    let meCalls = 0
    page.on('request', (req) => {
      if (req.method() !== 'POST' || !new URL(req.url()).pathname.startsWith('/api/account')) return
      if ((JSON.parse(req.postData() ?? '{}') as { action?: string }).action === 'me') meCalls++
    })
    const cdp = await context.newCDPSession(page)
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate })
    await cdp.send('Performance.enable')
    // Noted by the page itself the moment the content is in the document. A string: tsx would add helpers a function cannot take along.
    await page.addInitScript(`new MutationObserver((_, o) => { if (document.querySelector(${JSON.stringify(target.selector)})) { window.__shownAt = performance.now(); o.disconnect() } }).observe(document, { childList: true, subtree: true })`)
    await page.goto(target.url, { waitUntil: 'commit' })
    await page.locator(target.selector).first().waitFor()
    const contentShown = await page.evaluate(() => (window as unknown as { __shownAt?: number }).__shownAt ?? NaN)
    await page.waitForLoadState('networkidle')
    const timing = await page.evaluate(() => {
      const paint = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]))
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[]
      return { fp: paint['first-paint'] ?? NaN, fcp: paint['first-contentful-paint'] ?? NaN, bytes: entries.reduce((n, e) => n + e.transferSize, 0) }
    })
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] }
    const metric = (name: string) => Math.round((metrics.find((m) => m.name === name)?.value ?? 0) * 1000)
    return {
      firstPaint: timing.fp,
      firstContentfulPaint: timing.fcp,
      contentShown,
      meCalls,
      transferBytes: timing.bytes,
      scriptMs: metric('ScriptDuration'),
      styleMs: metric('RecalcStyleDuration'),
      layoutMs: metric('LayoutDuration'),
    }
  } finally {
    await context.close()
  }
}

/** The median of the numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

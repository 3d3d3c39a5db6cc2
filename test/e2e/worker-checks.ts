import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

/** What the rules ask of a page: the smallest text and target, per mode (px on the phone's screen). */
export const RULES = { normal: { text: 16, target: 44 }, large: { text: 18, target: 60 } } as const

/** What a clickable is: a native or Taro button, or a drawn control with a role. */
const CLICKABLE = 'taro-button-core, button, [role=button], [role=link], [role=switch], [role=checkbox], [role=radio], [role=tab]'

/**
 * Every visible text smaller than `minText` px, and every visible clickable smaller than
 * `minTarget` px either way, on the page in view (the pages below it in Taro's stack are hidden).
 */
export function measure(page: Page, minText: number, minTarget: number): Promise<{ text: string[]; targets: string[] }> {
  return page.evaluate(
    ({ minText, minTarget, clickable }) => {
      const seen = (el: Element) => {
        const r = el.getBoundingClientRect()
        const s = getComputedStyle(el)
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && !el.closest('[aria-hidden=true], .taro_page[style*="display: none"]')
      }
      const text: string[] = []
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement
        if (!el || !n.textContent?.trim() || !seen(el) || el.closest('.taro-tabbar__container, .taro-navigation-bar, .taro__toast, .taro__modal')) continue
        const px = parseFloat(getComputedStyle(el).fontSize)
        if (px < minText - 0.05) text.push(`${px.toFixed(1)}px「${n.textContent.trim().slice(0, 20)}」`)
      }
      const targets = Array.from(document.querySelectorAll(clickable))
        .filter(seen)
        .filter((el) => !el.closest('.taro-navigation-bar'))
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        .filter(({ r }) => r.width < minTarget - 0.5 || r.height < minTarget - 0.5)
        .map(({ el, r }) => `${Math.round(r.width)}x${Math.round(r.height)}「${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 20)}」`)
      // A target running past its card or the screen (a long chip in large text did): not inside a scroller of its own.
      const scrolls = (el: Element) => {
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (/auto|scroll/.test(getComputedStyle(a).overflowX)) return true
        return false
      }
      for (const el of Array.from(document.querySelectorAll(clickable)).filter(seen)) {
        if (el.closest('.taro-navigation-bar, .taro-tabbar__container, .taro__toast, .taro__modal') || scrolls(el)) continue
        const r = el.getBoundingClientRect()
        const box = el.closest('.card')?.getBoundingClientRect() ?? { left: 0, right: window.innerWidth }
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) targets.push(`past its ${el.closest('.card') ? 'card' : 'screen'} by ${Math.round(Math.max(box.left - r.left, r.right - box.right))}px「${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 20)}」`)
      }
      return { text, targets }
    },
    { minText, minTarget, clickable: CLICKABLE },
  )
}

/** Clickables with no role or no name: what a screen reader could not announce. */
export function unnamed(page: Page): Promise<string[]> {
  return page.evaluate((clickable) => {
    const out: string[] = []
    for (const el of Array.from(document.querySelectorAll(`${clickable}, [data-entry], .station-card, .application-item, .message`))) {
      const r = el.getBoundingClientRect()
      if (r.width === 0) continue
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim()
      if (!el.getAttribute('role') && el.tagName !== 'BUTTON') out.push(`no role: ${el.className}`)
      else if (!name) out.push(`no name: ${el.className}`)
      else if (el.getAttribute('tabindex') === null && el.tagName !== 'BUTTON') out.push(`no tab stop: ${name.slice(0, 20)}`)
    }
    return out
  }, CLICKABLE)
}

/** Text a worker must never read: ISO dates, raw codes and English words (file names and units aside; `allowed` names more words that are what they are). */
export async function rawText(page: Page, allowed = /^(PDF|MB|KB)$/): Promise<string[]> {
  const body = await page.evaluate(() => {
    const pages = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    return (pages.at(-1) ?? document.body).textContent ?? ''
  })
  // An audit anchor's check code (64 hex digits) the admins copy out, a file's own name, an application's number (MLS-2026-000123) and a household's (MLS-H-2026-000012) and an invitation code (ABCD-EFGH-JKMN) are what they are.
  const text = body.replace(/\b[0-9a-f]{64}\b/g, '').replace(/[\w.-]+\.(jpe?g|png|pdf|txt|csv|xlsx)(?![a-z])/gi, '').replace(/\b[A-Z]{2,5}(?:-H)?-\d{4}-\d{6}\b/g, '').replace(/\b[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}\b/g, '')
  const out = [...text.matchAll(/\d{4}-\d{2}-\d{2}/g)].map((m) => `ISO date ${m[0]}`)
  for (const m of text.matchAll(/[A-Za-z][A-Za-z_-]{2,}/g)) if (!allowed.test(m[0])) out.push(`word ${m[0]}`)
  if (text.includes('。。')) out.push('。。')
  for (const m of text.matchAll(/(?<![\d,])\d{4,}(?:\.\d+)? ?元/g)) out.push(`money without separators ${m[0]}`)
  return out
}

// Evaluated through the debugging protocol: the app's Content-Security-Policy refuses injected script tags.
const axeSource = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8')

/** Serious and critical axe-core findings (WCAG 2.1 A and AA) on the page in view. */
export async function axeFindings(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource)
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe
    const pages = Array.from(document.querySelectorAll('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none')
    const r = await axe.run(pages.at(-1) ?? document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
  })
  return results
}

/** Words a staff page may show: the names of the file formats an admin imports and exports. */
export const STAFF_WORDS = /^(PDF|MB|KB|CSV|XLSX|Excel)$/

/** All of the above for the page in view, in one list: empty when the page passes; `allowed` as for `rawText`. */
export async function pageProblems(page: Page, mode: keyof typeof RULES, allowed?: RegExp): Promise<string[]> {
  const { text, targets } = await measure(page, RULES[mode].text, RULES[mode].target)
  return [...text.map((t) => `text ${t}`), ...targets.map((t) => `target ${t}`), ...(await unnamed(page)), ...(await rawText(page, allowed)), ...(await axeFindings(page))]
}

/**
 * What every staff page must pass: no raw codes, English words or ISO dates, and no serious or
 * critical axe finding; with `mode`, everything `pageProblems` checks (the sizes of the mode: text
 * 16 px and targets 44 px, 18 px and 60 px in large text; every clickable named).
 */
export async function staffPageProblems(page: Page, mode?: keyof typeof RULES): Promise<string[]> {
  if (mode) return pageProblems(page, mode, STAFF_WORDS)
  return [...(await rawText(page, STAFF_WORDS)), ...(await axeFindings(page))]
}

/**
 * The built mini-program (dist/weapp) run as WeChat runs it, as far as a test can: miniprogram-simulate
 * loads each page's json, wxml (compiled by WeChat's own wcc), wxss and js, with Taro's app.js
 * loaded first. `wx` is miniprogram-simulate's, and only its edges are ours: `wx.cloud.callFunction`
 * is answered by the same handlers as the local server (SQLite, seeded like the local demo), and
 * the APIs a flow depends on (subscribe, privacy, location, settings, files) are stubs that record
 * their calls and answer as the test says. Pages are Components here (miniprogram-simulate has no
 * Page): `Page(options)` registers one whose attach runs onLoad and onShow.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createCipher } from '../../server/adapters/node-cipher'
import { localFileStore } from '../../server/adapters/files/local-file-store'
import { openSqliteStore } from '../../server/adapters/sqlite'
import { handle } from '../../server/functions'
import { seedDemo } from '../../server/local/seed'
import type { Deps } from '../../server/ports'
import { randomIds, systemClock } from '../../server/runtime'
import { tempDir } from '../support/deps'

/* eslint-disable @typescript-eslint/no-require-imports -- the mini-program's globals and built JS are untyped */

export const WEAPP = resolve(__dirname, '../../dist/weapp')

/** One setData as WeChat would send it: who sent it (a page or a custom wrapper) and its JSON size in bytes. */
export interface SetDataCall {
  from: string
  bytes: number
  keys: string[]
  /** The data itself, kept only when WEAPP_KEEP_SETDATA is set (for looking into what makes a call heavy). */
  data?: unknown
}

/** A recorded call of a stubbed wx API, and whether it ran while a tap was being dispatched (synchronously inside it). */
export interface WxCall {
  api: string
  args: any
  inTap: boolean
}

/** How the stubbed APIs answer; tests change these between steps. */
export interface Answers {
  /** requestSubscribeMessage: per template id, 'accept' or 'reject'; absent ids are rejected. */
  subscribe: Record<string, 'accept' | 'reject'>
  /** getFuzzyLocation: a point, or a refusal. */
  location: { ok: true; latitude: number; longitude: number } | { ok: false; errMsg: string }
  /** openSetting: the authSetting the person leaves the settings page with. */
  settings: Record<string, boolean>
  /** getPrivacySetting: whether the person still has to agree, and whether they agree when asked. */
  privacy: { needAuthorization: boolean; agrees: boolean }
}

export interface Weapp {
  deps: Deps
  calls: WxCall[]
  setData: SetDataCall[]
  answers: Answers
  /** The identity `wx.cloud.callFunction` runs as (WeChat's OPENID). */
  as(openid: string): void
  /** Opens a page (`pages/home/index`) with its query, attached to the document; waits until React rendered it. */
  open(route: string, query?: Record<string, string>): Promise<OpenPage>
  close(): Promise<void>
}

export interface OpenPage {
  dom: HTMLElement
  text(): string
  /** Waits until `predicate` holds for the page's text (React renders asynchronously). */
  until(predicate: (text: string) => boolean, what: string, timeoutMs?: number): Promise<void>
  /** The first element matching a CSS selector on the rendered tree. */
  find(selector: string): Element | null
  /**
   * Elements with this class as the source names it (`station-card`): miniprogram-simulate prefixes
   * a component's classes with its tag (`main--station-card`). Taro's templates render no `data-*`
   * attributes, so tests find elements by class or text.
   */
  all(className: string): Element[]
  /** The innermost element whose whole text is `text` (a button's label), or null. */
  byText(text: string): Element | null
  /** Taps an element (or the one reading this text) like a finger: a `tap` event bubbling from it, dispatched synchronously. */
  tap(target: Element | string): void
  /** Fires an input/change on a form element (detail as WeChat gives it). */
  fire(target: Element | string, type: string, detail: Record<string, unknown>): void
  /** Calls a page lifecycle hook (onReachBottom, onShow ...). */
  lifecycle(name: string): void
  detach(): void
}

const byteLength = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8')

/** Sets up the globals, loads app.js and answers `wx.cloud` from a seeded SQLite store. */
export async function startWeapp(): Promise<Weapp> {
  if (!existsSync(join(WEAPP, 'app.json'))) throw new Error('dist/weapp is missing: run `npm run build:weapp` first')
  const simulate = require('miniprogram-simulate')
  const exparser = require('miniprogram-exparser')
  const g = globalThis as any
  const tmp = tempDir('lantian-weapp-')
  const store = openSqliteStore(join(tmp.dir, 'lantian.db'))
  const dataKey = randomBytes(32)
  const deps: Deps = {
    store,
    clock: systemClock,
    ids: randomIds,
    cipher: createCipher(dataKey),
    settings: { applicationPrefix: 'MLS', defaultUnitId: 'unit-root' },
    files: localFileStore(join(tmp.dir, 'files'), dataKey),
  }
  await seedDemo(store, deps.cipher)

  const calls: WxCall[] = []
  const setData: SetDataCall[] = []
  const answers: Answers = {
    subscribe: {},
    location: { ok: true, latitude: 24.4105, longitude: 103.4365 },
    settings: {},
    privacy: { needAuthorization: false, agrees: true },
  }
  let openid = 'demo-worker'
  let inTap = false
  const record = (api: string, args: any) => calls.push({ api, args, inTap })
  const storage = new Map<string, unknown>()
  const pages: any[] = []
  let app: any = null

  // Callbacks and promises both, as wx's own APIs behave since base library 2.10.
  const answer = <T>(api: string, o: any, result: () => { ok: true; value: T } | { ok: false; err: any }) => {
    record(api, o)
    const r = result()
    return new Promise<T>((done, fail) => {
      setTimeout(() => {
        if (r.ok) {
          o?.success?.(r.value)
          done(r.value)
        } else {
          o?.fail?.(r.err)
          // A caller with callbacks handles the failure; the promise stays quiet then.
          if (o?.fail) done(undefined as T)
          else fail(r.err)
        }
        o?.complete?.(r.ok ? r.value : r.err)
      }, 0)
    })
  }

  Object.assign(g.wx, {
    cloud: {
      init: (o: unknown) => record('cloud.init', o),
      callFunction: (o: { name: string; data: unknown }) => {
        record('cloud.callFunction', o)
        return handle(o.name, JSON.parse(JSON.stringify(o.data)), { openid }, deps).then((result) => ({ result, errMsg: 'cloud.callFunction:ok' }))
      },
      uploadFile: (o: any) => answer('cloud.uploadFile', o, () => ({ ok: false, err: { errMsg: 'cloud.uploadFile:fail not in this suite' } })),
    },
    requestSubscribeMessage: (o: any) =>
      answer('requestSubscribeMessage', o, () => ({
        ok: true,
        value: Object.fromEntries([['errMsg', 'requestSubscribeMessage:ok'], ...o.tmplIds.map((id: string) => [id, answers.subscribe[id] ?? 'reject'])]),
      })),
    getFuzzyLocation: (o: any) =>
      answer('getFuzzyLocation', o, () => {
        const l = answers.location
        return l.ok ? { ok: true, value: { latitude: l.latitude, longitude: l.longitude, errMsg: 'getFuzzyLocation:ok' } } : { ok: false, err: { errMsg: l.errMsg } }
      }),
    openSetting: (o: any) => answer('openSetting', o, () => ({ ok: true, value: { authSetting: { ...answers.settings }, errMsg: 'openSetting:ok' } })),
    getPrivacySetting: (o: any) => answer('getPrivacySetting', o, () => ({ ok: true, value: { needAuthorization: answers.privacy.needAuthorization, privacyContractName: '《蓝天帮扶隐私保护指引》' } })),
    requirePrivacyAuthorize: (o: any) =>
      answer('requirePrivacyAuthorize', o, () => (answers.privacy.agrees ? { ok: true, value: { errMsg: 'requirePrivacyAuthorize:ok' } } : { ok: false, err: { errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' } })),
    previewImage: (o: any) => answer('previewImage', o, () => ({ ok: true, value: { errMsg: 'previewImage:ok' } })),
    downloadFile: (o: any) => answer('downloadFile', o, () => ({ ok: true, value: { tempFilePath: 'http://tmp/document.pdf', ...(o.filePath ? { filePath: o.filePath } : {}), statusCode: 200, errMsg: 'downloadFile:ok' } })),
    openDocument: (o: any) => answer('openDocument', o, () => ({ ok: true, value: { errMsg: 'openDocument:ok' } })),
    shareFileMessage: (o: any) => answer('shareFileMessage', o, () => ({ ok: true, value: { errMsg: 'shareFileMessage:ok' } })),
    getFileSystemManager: () => ({
      writeFile: (o: any) => answer('fs.writeFile', { filePath: o.filePath, bytes: o.data?.length }, () => ({ ok: true, value: {} })).then(() => o.success?.()),
      readFile: (o: any) => answer('fs.readFile', o, () => ({ ok: false, err: { errMsg: 'readFile:fail' } })),
    }),
    // The simulator has no canvas: a selector query finds no node (charts stay undrawn; their captions and figures are text).
    createSelectorQuery: () => {
      const q: any = { in: () => q, select: () => q, selectAll: () => q, selectViewport: () => q, fields: () => q, boundingClientRect: () => q, scrollOffset: () => q, node: () => q }
      q.exec = (cb?: (r: unknown[]) => void) => setTimeout(() => cb?.([null]), 0)
      return q
    },
    navigateTo: (o: any) => answer('navigateTo', o, () => ({ ok: true, value: { errMsg: 'navigateTo:ok' } })),
    redirectTo: (o: any) => answer('redirectTo', o, () => ({ ok: true, value: { errMsg: 'redirectTo:ok' } })),
    showToast: (o: any) => answer('showToast', o, () => ({ ok: true, value: { errMsg: 'showToast:ok' } })),
    showModal: (o: any) => answer('showModal', o, () => ({ ok: true, value: { confirm: false, cancel: true, errMsg: 'showModal:ok' } })),
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    getStorageSync: (k: string) => (storage.has(k) ? storage.get(k) : ''),
    removeStorageSync: (k: string) => void storage.delete(k),
    setStorage: (o: any) => answer('setStorage', o, () => (storage.set(o.key, o.data), { ok: true, value: {} })),
    getStorage: (o: any) => answer('getStorage', o, () => (storage.has(o.key) ? { ok: true, value: { data: storage.get(o.key) } } : { ok: false, err: { errMsg: 'getStorage:fail data not found' } })),
    removeStorage: (o: any) => answer('removeStorage', o, () => (storage.delete(o.key), { ok: true, value: {} })),
  })

  g.App = (options: any) => (app = options)
  g.getApp = () => app
  g.getCurrentPages = () => pages

  // Every setData of a page or a component (Taro's custom-wrapper) is measured as WeChat would send it.
  const measure = (instance: any, from: string) => {
    const original = instance.setData.bind(instance)
    instance.setData = (data: Record<string, unknown>, cb?: () => void) => {
      setData.push({ from, bytes: byteLength(data), keys: Object.keys(data), ...(process.env.WEAPP_KEEP_SETDATA ? { data: JSON.parse(JSON.stringify(data)) } : {}) })
      return original(data, cb)
    }
  }
  const component = g.Component
  g.Component = (options: any) => {
    const attached = options.lifetimes?.attached ?? options.attached
    const lifetimes = { ...options.lifetimes, attached(this: any, ...args: unknown[]) {
      measure(this, 'component')
      return attached?.apply(this, args)
    } }
    return component({ ...options, lifetimes })
  }
  const loaded = new Map<string, string>()
  let nextQuery: Record<string, string> = {}
  let nextRoute = ''
  g.Page = (options: any) => {
    const methods = Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v === 'function'))
    component({
      data: options.data,
      methods,
      lifetimes: {
        attached(this: any) {
          measure(this, 'page')
          this.route = this.__route__ = nextRoute
          this.options = nextQuery
          pages.push(this)
          this.onLoad?.(nextQuery)
          this.onShow?.()
        },
        ready(this: any) {
          this.onReady?.()
        },
        detached(this: any) {
          this.onUnload?.()
          pages.splice(pages.indexOf(this), 1)
        },
      },
    })
  }

  require(join(WEAPP, 'app.js'))
  app.onLaunch?.({ path: 'pages/home/index', query: {}, scene: 1001 })
  app.onShow?.({ path: 'pages/home/index', query: {}, scene: 1001 })

  const dispatchTap = (el: Element, type: string, detail: Record<string, unknown>) => {
    const wxElement = (el as any).__wxElement
    if (!wxElement) throw new Error(`not a rendered element: <${el.tagName.toLowerCase()}>`)
    inTap = true
    try {
      exparser.Event.dispatchEvent(wxElement, exparser.Event.create(type, detail, { bubbles: true, composed: true, capturePhase: true, extraFields: { touches: {}, changedTouches: {} } }))
    } finally {
      inTap = false
    }
  }

  return {
    deps,
    calls,
    setData,
    answers,
    as: (id) => void (openid = id),
    async open(route, query = {}) {
      nextRoute = route
      nextQuery = query
      // A page's chunk registers its Page once (webpack runs a module once): a second open renders the same definition again.
      const id = loaded.get(route) ?? simulate.load(join(WEAPP, route), { rootPath: WEAPP })
      loaded.set(route, id)
      const comp = simulate.render(id)
      const parent = document.createElement('parent-wrapper')
      document.body.appendChild(parent)
      comp.attach(parent)
      const dom = comp.dom as HTMLElement
      const text = () => dom.textContent ?? ''
      const find = (selector: string) => dom.querySelector(selector)
      const all = (className: string) => Array.from(dom.querySelectorAll('[class]')).filter((e) => Array.from(e.classList).some((c) => c === className || c.endsWith(`--${className}`)))
      const byText = (label: string) => Array.from(dom.querySelectorAll('*')).reverse().find((e) => e.textContent?.trim() === label) ?? null
      const pick = (target: Element | string) => {
        const el = typeof target === 'string' ? byText(target) : target
        if (!el) throw new Error(`no element reads “${String(target)}” on ${route}:\n${text().slice(0, 600)}`)
        return el
      }
      const page: OpenPage = {
        dom,
        text,
        find,
        all,
        byText,
        async until(predicate, what, timeoutMs = 8000) {
          const end = Date.now() + timeoutMs
          while (!predicate(text())) {
            if (Date.now() > end) throw new Error(`${route}: gave up waiting for ${what}; the page shows:\n${text().slice(0, 800)}`)
            await new Promise((r) => setTimeout(r, 10))
          }
        },
        tap: (target) => dispatchTap(pick(target), 'tap', { x: 0, y: 0 }),
        fire: (target, type, detail) => dispatchTap(pick(target), type, detail),
        lifecycle: (name) => comp.instance[name]?.(),
        detach: () => {
          comp.detach()
          parent.remove()
        },
      }
      await page.until((t) => t.trim().length > 0, 'the first render')
      return page
    },
    async close() {
      for (const p of [...pages]) p.onUnload?.()
      await store.close()
      tmp.cleanup()
    },
  }
}

/** The page routes of app.json: the main package's and every subpackage's. */
export function allRoutes(): string[] {
  const appJson = JSON.parse(readFileSync(join(WEAPP, 'app.json'), 'utf8')) as { pages: string[]; subPackages: { root: string; pages: string[] }[] }
  return [...appJson.pages, ...appJson.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))]
}

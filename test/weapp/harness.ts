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
import { demoStoreFile } from '../support/demo-template'

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
  /** The phone's network: `up`, or `down` (nothing reaches the server). */
  network: 'up' | 'down'
  /** Actions (`review.recordVisit`) whose next call runs on the server but whose reply is lost, as when the signal drops mid-call; each once. */
  loseReplyOf: string[]
  /** getAppBaseInfo: the font size set in WeChat (我-设置-通用-字体大小), 17 px as shipped. */
  fontSizeSetting: number
  /** chooseLocation: the place the admin taps on WeChat's map (GCJ-02), or null when they back out. */
  mapPick: { latitude: number; longitude: number; name: string; address: string } | null
}

export interface Weapp {
  deps: Deps
  calls: WxCall[]
  setData: SetDataCall[]
  answers: Answers
  /** The identity `wx.cloud.callFunction` runs as (WeChat's OPENID). */
  as(openid: string): void
  /** Sets the network and, as WeChat does, tells the onNetworkStatusChange listeners. */
  setNetwork(state: Answers['network']): void
  /** The mini-program's storage (wx.setStorageSync and friends): what survives a closed app. */
  storage: Map<string, unknown>
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
  // The demo as seeding writes it, copied from this run's template with its key (else seeded below).
  const dataKey = (await demoStoreFile(join(tmp.dir, 'lantian.db'))) ?? randomBytes(32)
  const store = openSqliteStore(join(tmp.dir, 'lantian.db'))
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
    network: 'up',
    loseReplyOf: [],
    fontSizeSetting: 17,
    mapPick: null,
  }
  const networkListeners: ((res: { isConnected: boolean; networkType: string }) => void)[] = []
  let photos = 0
  /** A JPEG's first bytes: what a photo taken in a test holds. */
  const photoBytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9])
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
      callFunction: async (o: { name: string; data: unknown }) => {
        record('cloud.callFunction', o)
        if (answers.network === 'down') throw { errMsg: 'cloud.callFunction:fail network unavailable' }
        const result = await handle(o.name, JSON.parse(JSON.stringify(o.data)), { openid }, deps)
        const lost = answers.loseReplyOf.indexOf(`${o.name}.${(o.data as { action: string }).action}`)
        if (lost >= 0) {
          answers.loseReplyOf.splice(lost, 1)
          throw { errMsg: 'cloud.callFunction:fail request timeout' }
        }
        return { result, errMsg: 'cloud.callFunction:ok' }
      },
      // The bytes of a test photo land in the file store at the path the function handed out.
      uploadFile: (o: any) => {
        record('cloud.uploadFile', o)
        const stored = answers.network === 'down' ? Promise.resolve(null) : deps.files.put(o.cloudPath, photoBytes, 'image/jpeg')
        void stored.then((fileID) => setTimeout(() => (fileID ? o.success?.({ fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' }) : o.fail?.({ errMsg: 'cloud.uploadFile:fail network' })), 0))
        return { onProgressUpdate: () => {} }
      },
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
    chooseLocation: (o: any) =>
      answer('chooseLocation', o, () => (answers.mapPick ? { ok: true, value: { ...answers.mapPick, errMsg: 'chooseLocation:ok' } } : { ok: false, err: { errMsg: 'chooseLocation:fail cancel' } })),
    openSetting: (o: any) => answer('openSetting', o, () => ({ ok: true, value: { authSetting: { ...answers.settings }, errMsg: 'openSetting:ok' } })),
    getPrivacySetting: (o: any) => answer('getPrivacySetting', o, () => ({ ok: true, value: { needAuthorization: answers.privacy.needAuthorization, privacyContractName: '《蓝天帮扶隐私保护指引》' } })),
    requirePrivacyAuthorize: (o: any) =>
      answer('requirePrivacyAuthorize', o, () => (answers.privacy.agrees ? { ok: true, value: { errMsg: 'requirePrivacyAuthorize:ok' } } : { ok: false, err: { errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' } })),
    getAppBaseInfo: () => ({ SDKVersion: '3.7.0', language: 'zh_CN', theme: 'light', fontSizeSetting: answers.fontSizeSetting }),
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
    // One photo taken with the camera.
    chooseMedia: (o: any) => answer('chooseMedia', o, () => ({ ok: true, value: { type: 'image', tempFiles: Array.from({ length: 1 }, () => ({ tempFilePath: `http://tmp/photo-${++photos}.jpg`, size: photoBytes.length, fileType: 'image' })), errMsg: 'chooseMedia:ok' } })),
    saveFile: (o: any) => answer('saveFile', o, () => ({ ok: true, value: { savedFilePath: String(o.tempFilePath).replace('http://tmp/', 'http://store/'), errMsg: 'saveFile:ok' } })),
    removeSavedFile: (o: any) => answer('removeSavedFile', o, () => ({ ok: true, value: { errMsg: 'removeSavedFile:ok' } })),
    onNetworkStatusChange: (cb: (res: { isConnected: boolean; networkType: string }) => void) => void networkListeners.push(cb),
    offNetworkStatusChange: (cb: (res: { isConnected: boolean; networkType: string }) => void) => void (cb ? networkListeners.splice(networkListeners.indexOf(cb) >>> 0, 1) : networkListeners.splice(0)),
    setStorageSync: (k: string, v: unknown) => void storage.set(k, JSON.parse(JSON.stringify(v))),
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
    storage,
    setNetwork(state) {
      answers.network = state
      for (const listener of [...networkListeners]) listener({ isConnected: state === 'up', networkType: state === 'up' ? '4g' : 'none' })
    },
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

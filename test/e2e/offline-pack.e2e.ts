import type { BrowserContext, Page } from 'playwright-core'
import { handle } from '../../server/functions'
import { submission } from '../support/forms'
import { input, JPEG } from './apply-helpers'
import { startE2E, takeBrowserErrors, type E2E } from './harness'
import { signInStaff, toastGone, visible } from './page-helpers'
import { staffPageProblems } from './worker-checks'

const CASEWORKER = 'demo-caseworker'
const WORKER = 'e2e-pack-worker'

/** What the browser kept of a visit's photos in IndexedDB: each photo's name and size. */
const keptPhotos = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<{ name: string; size: number; blob: number }[]>((resolve, reject) => {
        const open = indexedDB.open('lantian-kept-files')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          if (!db.objectStoreNames.contains('files')) return resolve([])
          const all = db.transaction('files').objectStore('files').getAll()
          all.onsuccess = () => resolve((all.result as { name: string; size: number; blob: Blob }[]).map((f) => ({ name: f.name, size: f.size, blob: f.blob.size })))
          all.onerror = () => reject(all.error)
        }
      }),
  )

/**
 * A field trip out of signal in the browser (the local mode's H5 build): the caseworker opens the
 * queue with signal, which keeps the cases waiting for a visit on the phone; then the server cannot
 * be reached (every `/api/` request fails as without network; the page's own files still load, as
 * a mini-program's package does on the phone). A case never opened before opens from what was
 * kept, marked 离线资料; the visit is filled with a photo and saved 未上传; the page is reloaded,
 * still cut off, and the photo is still there (IndexedDB); with the network back the visit and
 * its photo reach the case once, with the time they were captured, and the photo leaves the
 * browser. Both text modes measured, axe clean, screenshots taken.
 */
describe('a home visit out of signal on a case never opened', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()), 180_000)
  afterAll(() => e2e?.close())

  async function call<T>(openid: string, fn: string, action: string, body: Record<string, unknown>): Promise<T> {
    const reply = await handle(fn, { action, input: body }, { openid }, e2e.app.deps)
    if (!reply.ok) throw new Error(`${fn}.${action}: ${reply.error.code} ${reply.error.message}`)
    return reply.data as T
  }
  const version = async (id: string) => (await e2e.app.deps.store.repos.applications.get(id))!.version
  const cut = (context: BrowserContext) => context.route('**/api/**', (route) => route.abort('internetdisconnected'))
  /** The browser's errors while the server was cut off: only the requests that could not go out. */
  const onlyCutRequests = () => takeBrowserErrors().filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))

  it('opens from the phone, keeps the visit and its photo through a reload, and sends them once', async () => {
    const s = submission({ idNumber: '532504197203150018', memberIds: [] })
    s.form.applicant.unitId = 'unit-532504001'
    const { id } = await call<{ id: string }>(WORKER, 'applicant', 'submit', s)
    await call(CASEWORKER, 'review', 'startScreening', { id, expectedVersion: await version(id) })
    await call(CASEWORKER, 'review', 'acceptScreening', { id, expectedVersion: await version(id) })

    const cw = await signInStaff(e2e, 'caseworker')
    await cw.page.goto(`${e2e.app.url}/#/review/queue/index`)
    await cw.page.waitForFunction((caseId) => (localStorage.getItem('lantian.pack.v1.visits') ?? '').includes(caseId), id)
    const kept = await cw.page.evaluate(() => localStorage.getItem('lantian.pack.v1.visits') ?? '')
    // Masked only: no ID number and not the full name.
    expect(kept).not.toContain(s.form.applicant.idNumber)
    expect(kept).not.toContain(s.form.applicant.name)

    await cut(cw.context)
    await cw.page.goto(`${e2e.app.url}/#/review/case/index?id=${encodeURIComponent(id)}`)
    await visible(cw.page, '[data-banner=offline-pack]').waitFor()
    await expect(visible(cw.page, '[data-banner=offline-pack]').textContent()).resolves.toMatch(/^离线资料（\d{1,2}月\d{1,2}日 \d{2}:\d{2}）/)
    expect(await staffPageProblems(cw.page, 'normal')).toEqual([])
    await e2e.shot(cw.page, 'offline-01-case-from-phone')

    await visible(cw.page, '[data-action=recordVisit]').click()
    await visible(cw.page, '[data-form=recordVisit]').waitFor()
    await input(cw.page, 'staffPresent.0').fill('李娟')
    await input(cw.page, 'staffPresent.1').fill('王芳')
    await input(cw.page, 'place').fill('东风林干校家属区2栋')
    for (const code of ['household', 'policies-funds', 'difficulties', 'measures', 'effect', 'pairing']) await input(cw.page, `findings.${code}`).fill('已逐项核实，情况属实')
    const [chooser] = await Promise.all([cw.page.waitForEvent('filechooser'), visible(cw.page, '[data-upload=visit]').click()])
    await chooser.setFiles({ name: 'dongfeng-0402.jpg', mimeType: 'image/jpeg', buffer: JPEG })
    await visible(cw.page, '[data-kept]').waitFor()
    await visible(cw.page, '[data-field=authorizationCollected]').click()
    await e2e.shot(cw.page, 'offline-02-visit-form')
    await visible(cw.page, '.form-frame__submit').click()
    await visible(cw.page, '[data-kept-visit=waiting]').waitFor()
    await expect(keptPhotos(cw.page)).resolves.toEqual([{ name: 'dongfeng-0402.jpg', size: JPEG.length, blob: JPEG.length }])

    // The tab reloaded, still cut off, in large text: the visit and its photo are still on the phone.
    await cw.page.evaluate(() => localStorage.setItem('lantian.largeText', JSON.stringify({ data: true })))
    await cw.page.reload()
    await visible(cw.page, '.review-case.large-text [data-kept-visit=waiting]').waitFor()
    await expect(visible(cw.page, '[data-kept-visit=waiting]').textContent()).resolves.toContain('入户调查记录（未上传）')
    await expect(keptPhotos(cw.page)).resolves.toEqual([{ name: 'dongfeng-0402.jpg', size: JPEG.length, blob: JPEG.length }])
    expect(await staffPageProblems(cw.page, 'large')).toEqual([])
    await e2e.shot(cw.page, 'offline-03-kept-after-reload-large')
    const capturedAt = await cw.page.evaluate((caseId) => (JSON.parse(localStorage.getItem(`lantian.kept.v1.visit.${caseId}`) ?? '{}') as { data: { capturedAt: string } }).data.capturedAt, id)
    expect(await e2e.app.deps.store.repos.applications.get(id)).toMatchObject({ status: 'visiting' })
    expect(onlyCutRequests()).toEqual([])

    // The network returns: the case page reads the case and sends what is kept, once.
    const sent: string[] = []
    cw.page.on('request', (r) => r.url().includes('/api/') && r.method() === 'POST' && sent.push(`${new URL(r.url()).pathname} ${r.postData()?.includes('"recordVisit"') ? 'recordVisit' : ''}`))
    await cw.context.unroute('**/api/**')
    await cw.page.evaluate(() => localStorage.setItem('lantian.largeText', JSON.stringify({ data: false })))
    await cw.page.reload()
    await visible(cw.page, '.case-header[data-status=verifying]').waitFor()
    await cw.page.waitForFunction((caseId) => localStorage.getItem(`lantian.kept.v1.visit.${caseId}`) === null, id)
    await expect(cw.page.locator('[data-banner=offline-pack]:visible').count()).resolves.toBe(0)
    await expect(keptPhotos(cw.page)).resolves.toEqual([])
    expect(sent.filter((r) => r.endsWith('recordVisit'))).toHaveLength(1)
    expect(sent.filter((r) => r.startsWith('/api/upload'))).toHaveLength(1)
    await toastGone(cw.page, '入户调查已上传')
    await visible(cw.page, '[data-section=visit-photos]').scrollIntoViewIfNeeded()
    await e2e.shot(cw.page, 'offline-04-sent')

    const rec = (await e2e.app.deps.store.repos.applications.get(id))!
    const visits = (rec.review ?? []).filter((e) => e.kind === 'visit')
    expect(visits).toHaveLength(1)
    expect(rec.visitPhotos).toHaveLength(1)
    expect(visits[0]).toMatchObject({ place: '东风林干校家属区2栋', capturedAt, photoIds: [rec.visitPhotos![0].id] })
    const audit = await e2e.app.deps.store.repos.audit.list(null, 100_000)
    expect(audit.filter((e) => e.subject === id && e.action === 'application.recordVisit')).toHaveLength(1)
    expect(audit.filter((e) => e.subject === id && e.action === 'application.visitPhoto.add')).toHaveLength(1)
  })
})

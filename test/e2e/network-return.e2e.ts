import type { BrowserContext, Page } from 'playwright-core'
import type { ApiReply } from '../../src/domain'
import { addDays } from '../../src/domain/calendar'
import { shanghaiDate } from '../../src/domain'
import { handle } from '../../server/functions'
import { idCheckChar } from '../../src/domain/id-number'
import { submission } from '../support/forms'
import { input, JPEG } from './apply-helpers'
import { startE2E, type E2E } from './harness'
import { PHONE, toastGone, visible } from './page-helpers'
import { staffPageProblems } from './worker-checks'

const CASEWORKER = 'demo-caseworker'

/** The writes the page sent: the action (or upload) and its request id, in order. */
function watchWrites(page: Page): { action: string; requestId: string }[] {
  const writes: { action: string; requestId: string }[] = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (r.method() !== 'POST' || !url.pathname.startsWith('/api/')) return
    if (url.pathname.startsWith('/api/upload')) return void writes.push({ action: 'upload', requestId: url.searchParams.get('requestId') ?? '' })
    const body = JSON.parse(r.postData() ?? '{}') as { action?: string; requestId?: string }
    if (body.requestId) writes.push({ action: body.action ?? '', requestId: body.requestId })
  })
  return writes
}

/** What the browser keeps for a kept form, parsed (Taro's storage wraps it in `data`). */
const keptOf = <T>(page: Page, key: string) => page.evaluate((k) => (JSON.parse(localStorage.getItem(k) ?? 'null') as { data: unknown } | null)?.data ?? null, key) as Promise<T | null>

/**
 * A caseworker on a phone whose browser has no Network Information API (Safari on an iPhone,
 * Firefox): `navigator.connection`, all Taro's H5 onNetworkStatusChange listens to, is absent, so
 * only the browser's own `online` event (and the tab shown again) can tell the page the network is
 * back. Chromium has the API and fires its `change` on any switch; it is taken away before the app loads.
 */
async function signInWithoutConnectionApi(e2e: E2E): Promise<{ context: BrowserContext; page: Page }> {
  const user = await e2e.newUser(PHONE)
  await user.context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'connection', { get: () => undefined, configurable: true }))
  await user.page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/')}`)
  await user.page.click('[data-account=caseworker]')
  await user.page.locator('[data-entry=households]').waitFor()
  expect(await user.page.evaluate(() => 'connection' in navigator && navigator.connection !== undefined)).toBe(false)
  return user
}

/**
 * The network's return noticed by the browser itself (H5 build): a home visit and a 户户清 item
 * kept 未上传 while the context is offline go up when it is back online, with nobody reloading or
 * navigating, each write once (the page below in the stack, the queue or the campaign, hears the
 * same `online` event and goes through the same one-send-per-case guard), with the time they were
 * captured. A case or an item that changed meanwhile is shown to the caseworker, not overwritten.
 */
describe('the browser notices the network coming back', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()), 180_000)
  afterAll(() => e2e?.close())

  async function call<T>(openid: string, fn: string, action: string, body: Record<string, unknown>): Promise<T> {
    const reply = (await handle(fn, { action, input: body }, { openid }, e2e.app.deps)) as ApiReply<T>
    if (!reply.ok) throw new Error(`${fn}.${action}: ${reply.error.code} ${reply.error.message}`)
    return reply.data
  }
  const version = async (id: string) => (await e2e.app.deps.store.repos.applications.get(id))!.version
  let people = 0
  async function caseAtVisit(): Promise<string> {
    const first17 = `53250419720315${String(710 + people)}`
    const s = submission({ idNumber: first17 + idCheckChar(first17), memberIds: [] })
    s.form.applicant.unitId = 'unit-532504001'
    const { id } = await call<{ id: string }>(`e2e-online-worker-${people++}`, 'applicant', 'submit', s as unknown as Record<string, unknown>)
    await call(CASEWORKER, 'review', 'startScreening', { id, expectedVersion: await version(id) })
    await call(CASEWORKER, 'review', 'acceptScreening', { id, expectedVersion: await version(id) })
    return id
  }

  /** From the queue (which stays below in the stack), opens the case and fills its visit; the signal drops mid-visit; saved 未上传. */
  async function visitOffline(page: Page, id: string, place: string) {
    await page.goto(`${e2e.app.url}/#/review/queue/index?stage=visiting`)
    await visible(page, `[data-case="${id}"]`).click()
    await visible(page, '[data-action=recordVisit]').click()
    await visible(page, '[data-form=recordVisit]').waitFor()
    await input(page, 'staffPresent.1').fill('王芳')
    await page.context().setOffline(true)
    await input(page, 'place').fill(place)
    for (const code of ['household', 'policies-funds', 'difficulties', 'measures', 'effect', 'pairing']) await input(page, `findings.${code}`).fill('已逐项核实，情况属实')
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible(page, '[data-upload=visit]').click()])
    await chooser.setFiles({ name: 'pupeng-0402.jpg', mimeType: 'image/jpeg', buffer: JPEG })
    await visible(page, '[data-kept]').waitFor()
    await visible(page, '[data-field=authorizationCollected]').click()
    await visible(page, '.form-frame__submit').click()
    await visible(page, '[data-kept-visit=waiting]').waitFor()
    await toastGone(page, '网络不通，记录已保存在手机上（未上传），联网后会自动上传')
  }

  it('a visit kept offline goes up by itself when the network returns, each write once, with its capture time', async () => {
    const id = await caseAtVisit()
    const { context, page } = await signInWithoutConnectionApi(e2e)
    await visitOffline(page, id, '朋普河林场职工宿舍5号')
    const kept = (await keptOf<{ capturedAt: string; requestId: string; photos: { requestId: string }[] }>(page, `lantian.kept.v1.visit.${id}`))!
    expect(kept.photos).toHaveLength(1)
    expect((await e2e.app.deps.store.repos.applications.get(id))!.status).toBe('visiting')
    await e2e.shot(page, 'online-01-visit-kept-offline')

    const writes = watchWrites(page)
    await context.setOffline(false)
    await page.waitForFunction((k) => localStorage.getItem(k) === null, `lantian.kept.v1.visit.${id}`)
    await visible(page, '.case-header[data-status=verifying]').waitFor()
    // A second notice (the tab shown again) finds nothing left to send.
    await page.evaluate(() => window.dispatchEvent(new Event('online')))
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
    await page.waitForTimeout(500)
    expect(writes).toEqual([
      { action: 'upload', requestId: kept.photos[0].requestId },
      { action: 'recordVisit', requestId: kept.requestId },
    ])
    const rec = (await e2e.app.deps.store.repos.applications.get(id))!
    const visits = (rec.review ?? []).filter((e) => e.kind === 'visit')
    expect(visits).toHaveLength(1)
    expect(visits[0]).toMatchObject({ place: '朋普河林场职工宿舍5号', capturedAt: kept.capturedAt, photoIds: [rec.visitPhotos![0].id] })
    expect(await staffPageProblems(page, 'normal')).toEqual([])
    await toastGone(page, '入户调查已上传')
    await visible(page, '[data-section=visit-photos]').scrollIntoViewIfNeeded()
    await e2e.shot(page, 'online-02-visit-sent')
    await context.close()
  })

  it('a case that moved on while the visit was kept offline is shown to the caseworker, not overwritten', async () => {
    const id = await caseAtVisit()
    const { context, page } = await signInWithoutConnectionApi(e2e)
    await visitOffline(page, id, '东风林干校家属区3栋')
    // Meanwhile the case is turned down by a colleague with signal.
    await call(CASEWORKER, 'review', 'reject', { id, expectedVersion: await version(id), reasonCode: 'unreachable', text: '' })
    const writes = watchWrites(page)
    await context.setOffline(false)
    await visible(page, '[data-kept-visit=conflict]').waitFor()
    await expect(visible(page, '[data-kept-visit=conflict] [data-conflict]').textContent()).resolves.toContain('案件已进入其他环节，记录没有覆盖')
    // The case as it is now is what the page shows under the kept visit: turned down, no visit to record.
    await visible(page, '.case-header[data-status=rejected]').waitFor()
    // Nothing offers to send it anyway to a case past the visit: only dropping the kept record is left.
    await expect(page.locator('[data-action=recordVisit]:visible, [data-action=edit-kept]:visible, [data-action=send-kept-anyway]:visible').count()).resolves.toBe(0)
    await visible(page, '[data-action=drop-kept]').waitFor()
    expect(writes.filter((w) => w.action === 'recordVisit' || w.action === 'upload')).toEqual([])
    const rec = (await e2e.app.deps.store.repos.applications.get(id))!
    expect(rec.status).toBe('rejected')
    expect((rec.review ?? []).filter((e) => e.kind === 'visit')).toHaveLength(0)
    await expect(keptOf(page, `lantian.kept.v1.visit.${id}`)).resolves.toMatchObject({ state: 'conflict', fields: { place: '东风林干校家属区3栋' } })
    expect(await staffPageProblems(page, 'normal')).toEqual([])
    await toastGone(page, '您离线期间，案件已进入其他环节')
    await visible(page, '.case-header').scrollIntoViewIfNeeded()
    await e2e.shot(page, 'online-03-visit-conflict')
    await context.close()
  })

  describe('户户清', () => {
    const campaigns: string[] = []
    let householdId = ''
    beforeAll(async () => {
      const startsOn = addDays(shanghaiDate(new Date()), 1)
      for (const name of ['弥阳街道户户清联网', '弥阳街道户户清离线']) {
        campaigns.push((await call<{ id: string }>('demo-admin', 'households', 'openCampaign', { name, startsOn, endsOn: addDays(startsOn, 60), unitIds: ['unit-532504001'] })).id)
      }
      const scope = await call<{ households: { items: { householdId: string }[] } }>(CASEWORKER, 'households', 'campaign', { campaignId: campaigns[0], page: 1, pageSize: 20 })
      householdId = scope.households.items[0]?.householdId ?? ''
    }, 60_000)

    /** From the campaign (below in the stack), opens the household's check; the signal drops; 无变化 on the first item, kept 未上传. */
    async function itemOffline(page: Page, campaignId: string) {
      await page.goto(`${e2e.app.url}/#/households/campaign/index?id=${encodeURIComponent(campaignId)}`)
      await visible(page, `[data-household="${householdId}"]`).click()
      await visible(page, '.hh-check [data-item=household]').waitFor()
      await page.context().setOffline(true)
      await visible(page, '[data-item=household] [data-value=yes]').click()
      await visible(page, '[data-item=household] [data-kept=waiting]').waitFor()
      await toastGone(page, '网络不通，已保存在手机上（未上传），联网后会自动上传')
    }
    const keptKey = (campaignId: string) => `lantian.kept.v1.check.${campaignId}:${householdId}`

    it('an item kept offline goes up by itself when the network returns, once, with its capture time', async () => {
      expect(householdId).not.toBe('')
      const [campaignId] = campaigns
      const { context, page } = await signInWithoutConnectionApi(e2e)
      await itemOffline(page, campaignId)
      const kept = (await keptOf<{ fields: { items: { household: { requestId: string; capturedAt: string } } } }>(page, keptKey(campaignId)))!.fields.items.household
      const writes = watchWrites(page)
      await context.setOffline(false)
      await page.waitForFunction((k) => localStorage.getItem(k) === null, keptKey(campaignId))
      await page.locator('.hh-check [data-item=household][data-item-state=confirmed]').waitFor()
      await page.evaluate(() => window.dispatchEvent(new Event('online')))
      await page.waitForTimeout(500)
      expect(writes).toEqual([{ action: 'confirmItem', requestId: kept.requestId }])
      const check = await call<{ record: { items: Record<string, { confirmed: boolean; capturedAt?: string }> } }>(CASEWORKER, 'households', 'check', { campaignId, householdId })
      expect(check.record.items.household).toMatchObject({ confirmed: true, capturedAt: kept.capturedAt })
      await expect(page.locator('[data-item=household] [data-kept]').count()).resolves.toBe(0)
      expect(await staffPageProblems(page, 'normal')).toEqual([])
      await e2e.shot(page, 'online-04-check-item-sent')
        await context.close()
    })

    it('an item recorded by someone else while it was kept offline is shown, not overwritten', async () => {
      const campaignId = campaigns[1]
      const { context, page } = await signInWithoutConnectionApi(e2e)
      await itemOffline(page, campaignId)
      // Meanwhile a colleague with signal records the same item as not clear.
      await call(CASEWORKER, 'households', 'confirmItem', { campaignId, householdId, item: 'household', confirmed: false, note: '户主外出务工，未见到本人', evidenceIds: [] })
      const writes = watchWrites(page)
      await context.setOffline(false)
      await visible(page, '[data-item=household] [data-kept=conflict]').waitFor()
      await expect(visible(page, '[data-item=household] [data-kept=conflict]').textContent()).resolves.toContain('您离线期间，这一项已有新的登记')
      // The colleague's record is what the page shows beside it, and what the server keeps.
      await expect(visible(page, '[data-section=items]').textContent()).resolves.toContain('户主外出务工，未见到本人')
      expect(writes.filter((w) => w.action === 'confirmItem')).toHaveLength(1)
      const check = await call<{ record: { items: Record<string, { confirmed: boolean; note: string }> } }>(CASEWORKER, 'households', 'check', { campaignId, householdId })
      expect(check.record.items.household).toMatchObject({ confirmed: false, note: '户主外出务工，未见到本人' })
      await expect(keptOf(page, keptKey(campaignId))).resolves.toMatchObject({ state: 'conflict' })
      expect(await staffPageProblems(page, 'normal')).toEqual([])
      await visible(page, '[data-item=household]').scrollIntoViewIfNeeded()
      await e2e.shot(page, 'online-05-check-item-conflict')
        await context.close()
    })
  })
})

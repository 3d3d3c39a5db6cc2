import type { Page } from 'playwright-core'
import { distanceM, toGcj02 } from '../../src/domain/geo'
import { formatDistance } from '../../src/text/distance'
import { demoStations } from '../../server/local/seed-stations'
import { input } from './apply-helpers'
import { startE2E, type E2E } from './harness'
import { staffPageProblems } from './worker-checks'

/** A WGS-84 position near the centre of Mile, as a phone's GPS gives it. */
const NEAR_MILE_WGS84 = { longitude: 103.41, latitude: 24.41 }
const DEMO = demoStations(new Date('2026-03-02T02:00:00Z'))
const REST_POST_24H = DEMO.find((s) => s.name.startsWith('弥阳街道环卫职工驿站'))!
const CITY_CENTRE_STATION = DEMO.find((s) => s.level === 'city')!

const signIn = async (page: Page, base: string, account: string, next: string) => {
  await page.goto(`${base}/demo-login?next=${encodeURIComponent(next)}`)
  await page.click(`[data-account=${account}]`)
}

/** The listed cards as [station id, distance in metres, distance text, kind, open]. */
const cards = (page: Page) =>
  page.locator('.station-card').evaluateAll((els) =>
    els.map((e) => {
      const d = (e as HTMLElement).dataset
      return { id: d.stationId!, distanceM: Number(d.distance), text: e.querySelector('.station-card__distance')?.textContent ?? '', kind: d.kind!, open: d.open === 'true' }
    }),
  )

/** Reads until `ok` holds (the page updates after a reply), failing with the last value after `timeoutMs`. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (ok(value)) return value
    if (Date.now() > until) throw new Error(`not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const expectAscending = (list: { distanceM: number }[]) => {
  for (let i = 1; i < list.length; i++) expect(list[i].distanceM).toBeGreaterThanOrEqual(list[i - 1].distanceM)
}

/** Finding the nearest help in Chromium on the H5 build: located, filtered, one station, located not, and the admin pages. */
describe('stations in the browser', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()))
  afterAll(() => e2e?.close())

  it('with the location allowed near Mile, lists the nearest stations first, with distances, and pages on', async () => {
    const { page, context } = await e2e.newUser({ permissions: ['geolocation'], geolocation: NEAR_MILE_WGS84 })
    await signIn(page, e2e.app.url, 'new-worker', '/')
    await page.locator('[data-entry=stations]').click()
    await page.locator('.station-card').first().waitFor()
    await expect(page.locator('[data-locating]').getAttribute('data-locating')).resolves.toBe('located')

    // The browser's WGS-84 point is converted to GCJ-02, the datum of the stored stations.
    const origin = toGcj02({ lng: NEAR_MILE_WGS84.longitude, lat: NEAR_MILE_WGS84.latitude }, 'wgs84')
    const expected = [...DEMO].sort((a, b) => distanceM(origin, a.location) - distanceM(origin, b.location))
    const first = await cards(page)
    expect(first).toHaveLength(20)
    expect(first.map((c) => c.id)).toEqual(expected.slice(0, 20).map((s) => s.id))
    expectAscending(first)
    for (const c of first) expect(c.text).toBe(formatDistance(c.distanceM))
    // The overview draws the nearest 10 (tappable dots of 44 px do not fit apart any more).
    const dots = () => page.locator('[data-overview] [data-dot]').evaluateAll((els) => els.map((e) => e.getAttribute('data-dot')))
    await expect(dots()).resolves.toEqual(expected.slice(0, 10).map((s) => s.id))
    await e2e.shot(page, '40-stations-nearby')

    // Clicking scrolls the button into view, so the page's reach-bottom may ask for a third page
    // right after the second: at least 40 cards, still the nearest ones in order.
    await page.locator('[data-more]').click()
    const forty = await eventually(() => cards(page), (list) => list.length >= 40)
    expect(forty.map((c) => c.id)).toEqual(expected.slice(0, forty.length).map((s) => s.id))
    expectAscending(forty)
    // 加载更多 leaves the map on the nearest stations, not the page just loaded.
    await expect(dots()).resolves.toEqual(expected.slice(0, 10).map((s) => s.id))
    await context.close()
  })

  it('filters to rest posts open now: the 24-hour post is there, every card is an open rest post, nearest first', async () => {
    const { page, context } = await e2e.newUser({ permissions: ['geolocation'], geolocation: NEAR_MILE_WGS84 })
    await signIn(page, e2e.app.url, 'new-worker', '/#/pages/stations/index')
    await page.locator('.station-card').first().waitFor()
    await page.locator('[data-filter="kind:rest-post"]').click()
    await page.locator('[data-filter=open-now]').click()
    const list = await eventually(() => cards(page), (l) => l.length > 0 && l.every((c) => c.kind === 'rest-post' && c.open))
    expect(list.length).toBeGreaterThanOrEqual(1)
    expectAscending(list)
    const around = page.locator(`.station-card[data-station-id=${REST_POST_24H.id}]`)
    await expect(around.locator('.open-label').textContent()).resolves.toBe('24小时开放')
    await expect(page.locator('[data-filter=open-now]').getAttribute('aria-checked')).resolves.toBe('true')
    await e2e.shot(page, '41-stations-rest-posts-open-now')

    // With a meal-heating filter as well, the list still holds only rest posts that heat meals.
    await page.locator('[data-filter="amenity:meal-heating"]').click()
    const heating = await eventually(() => cards(page), (l) => l.length > 0 && l.every((c) => c.kind === 'rest-post' && c.open))
    expect(heating.map((c) => c.id)).toContain(REST_POST_24H.id)
    await context.close()
  })

  it('shows a station: open now, the week\'s hours, amenities, the place to copy in a browser, and takes a problem report', async () => {
    const { page, context } = await e2e.newUser({ permissions: ['geolocation', 'clipboard-read', 'clipboard-write'], geolocation: NEAR_MILE_WGS84 })
    await signIn(page, e2e.app.url, 'new-worker', '/#/pages/stations/index')
    await page.locator('[data-filter="kind:rest-post"]').click()
    await page.locator(`.station-card[data-station-id=${REST_POST_24H.id}]`).click()

    await page.locator('.station__name').waitFor()
    await expect(page.locator('.station__name').textContent()).resolves.toBe('弥阳街道环卫职工驿站')
    await expect(page.locator('.station__head .open-label').textContent()).resolves.toBe('24小时开放')
    await expect(page.locator('.station__day').count()).resolves.toBe(7)
    await expect(page.locator('.station__day-hours').allTextContents()).resolves.toEqual(Array(7).fill('全天'))
    await expect(page.locator('.station__day--today').count()).resolves.toBe(1)
    await expect(page.locator('.page.station [data-amenity=meal-heating]').count()).resolves.toBe(1)
    await expect(page.locator('.station__head .sample-badge').textContent()).resolves.toContain('示例数据')
    await expect(page.locator('.station__distance').textContent()).resolves.toMatch(/距离约 \d/)
    await e2e.shot(page, '42-station')

    // 导航 in a browser: openLocation is WeChat's, so the address and the GCJ-02 coordinates are offered to copy.
    await page.locator('[data-action=navigate]').click()
    await page.locator('[data-place]').waitFor()
    const coords = `${REST_POST_24H.location.lat.toFixed(6)},${REST_POST_24H.location.lng.toFixed(6)}`
    await expect(page.locator('.station__coords').textContent()).resolves.toBe(coords)
    await page.locator('[data-action=copy-address]').click()
    await eventually(() => page.evaluate(() => navigator.clipboard.readText()), (text) => text === REST_POST_24H.address)
    await page.getByText('内容已复制').waitFor({ state: 'hidden' })
    await e2e.shot(page, '43-station-navigate-in-browser')

    // 报告问题: a kind must be chosen; then a thank-you.
    await page.locator('[data-action=report]').click()
    await page.locator('[data-action=send-report]').click()
    await expect(page.locator('.field-error[data-field=problem]').textContent()).resolves.toBe('请选择问题类型')
    await page.locator('[data-problem=wrong-hours]').click()
    await page.locator('[data-report=form] textarea').fill('晚上十点去时没有开门')
    await e2e.shot(page, '44-station-report-form')
    await page.locator('[data-action=send-report]').click()
    await page.locator('[data-report=sent]').waitFor()
    await e2e.shot(page, '45-station-report-sent')
    await context.close()
  })

  it('with the location refused, says so, lists stations from the city centre, and searches from a chosen district', async () => {
    const { page, context } = await e2e.newUser({ permissions: [] })
    await signIn(page, e2e.app.url, 'new-worker', '/#/pages/stations/index')
    await page.locator('.station-card').first().waitFor()
    await expect(page.locator('[data-locating]').getAttribute('data-locating')).resolves.toBe('denied')
    await expect(page.locator('.where__why').textContent()).resolves.toContain('请选择您所在的地区')
    await expect(page.locator('.where__note').textContent()).resolves.toContain('市中心')
    const fromCentre = await cards(page)
    expect(fromCentre).toHaveLength(20)
    expectAscending(fromCentre)
    await e2e.shot(page, '46-stations-location-refused')

    // The district list (large rows of our own, not the platform's wheel).
    await page.locator('[data-picker=district]').click()
    await e2e.shot(page, '47-stations-district-picker')
    await page.locator('[data-places] [data-place="新哨镇"]').click()
    await page.locator('[data-places]').waitFor({ state: 'detached' })
    await eventually(() => page.locator('.where__note').textContent(), (t) => Boolean(t?.includes('新哨镇')))
    const fromTown = await eventually(() => cards(page), (l) => l.length > 0 && l[0].id !== fromCentre[0].id)
    expectAscending(fromTown)
    const seat = DEMO.find((s) => s.level === 'township' && s.district === '新哨镇')!
    expect(fromTown.slice(0, 3).map((c) => c.id)).toContain(seat.id)
    await e2e.shot(page, '48-stations-from-district')
    await context.close()
  })

  it('honours the large-text mode switched on at home', async () => {
    const { page, context } = await e2e.newUser({ permissions: ['geolocation'], geolocation: NEAR_MILE_WGS84 })
    await signIn(page, e2e.app.url, 'new-worker', '/')
    await page.locator('[data-setting=large-text]').click()
    await page.locator('.home.large-text').waitFor()
    await page.locator('[data-entry=stations]').click()
    await page.locator('.page.stations.large-text .station-card').first().waitFor()
    await e2e.shot(page, '56-stations-large-text')
    await page.locator('.station-card').first().click()
    await page.locator('.page.station.large-text .station__name').waitFor()
    await e2e.shot(page, '57-station-large-text')
    await context.close()
  })

  it('the admin pages in large-text mode on a 375 px screen: no text under 18 px, targets 60 px, nothing wider than the screen', async () => {
    const { page, context } = await e2e.newUser({ viewport: { width: 375, height: 812 } })
    await signIn(page, e2e.app.url, 'admin', '/')
    await page.locator('[data-setting=large-text]').click()
    await page.locator('.home.large-text').waitFor()
    const check = async (shot: string) => {
      await e2e.shot(page, shot)
      expect(await staffPageProblems(page, 'large')).toEqual([])
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    }
    await page.goto(`${e2e.app.url}/#/admin/stations/index`)
    await page.locator('.admin.large-text .admin-item').first().waitFor()
    await check('58-admin-stations-large-text')
    await page.goto(`${e2e.app.url}/#/admin/station-edit/index`)
    await page.locator('.large-text [data-form=station]').waitFor()
    await check('59-admin-station-new-large-text')
    await page.goto(`${e2e.app.url}/#/admin/import/index`)
    await page.locator('.large-text [data-action=choose-file]').waitFor()
    const header = '外部编号,类型,级别,名称,地址,所在地区,经度,纬度,坐标系,联系电话,开放时间,节假日闭馆,闭馆日期,服务设施,服务内容,照片,管理单位,状态,核实日期'
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-action=choose-file]').click()])
    await chooser.setFiles({ name: 'stations-with-a-long-file-name-from-the-county.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\nE2E-9,小卖部,,,,新哨镇,203.2,23.9,火星,,周八,否,,桑拿,,,,开放,`, 'utf8') })
    await page.locator('[data-import=problems]').waitFor()
    // Every error of the row at once (type, coordinates, coordinate system, hours, amenity), each naming its column.
    const columns = await page.locator('.import__problem[data-line="2"]:visible').allTextContents()
    for (const column of ['类型', '经度', '坐标系', '开放时间', '服务设施']) expect(columns.some((c) => c.includes(column))).toBe(true)
    await check('60-admin-import-large-text')
    await context.close()
  })

  it('keeps the admin pages from a worker, saying why', async () => {
    const { page, context } = await e2e.newUser()
    await signIn(page, e2e.app.url, 'new-worker', '/#/admin/stations/index')
    await page.locator('[data-admin=refused]').waitFor()
    await expect(page.locator('[data-admin=refused]').textContent()).resolves.toContain('仅限工会管理员')
    await e2e.shot(page, '49-admin-refused')
    await context.close()
  })

  it('lets the demo admin list stations, open one, review the report, import with a dry run and export', async () => {
    const { page, context } = await e2e.newUser({ acceptDownloads: true })
    await signIn(page, e2e.app.url, 'admin', '/')
    await page.locator('[data-entry=admin-stations]').waitFor()
    await e2e.shot(page, '50-admin-home')
    await page.locator('[data-entry=admin-stations]').click()
    await page.locator('.admin-item').first().waitFor()
    await expect(page.locator('.admin-item').count()).resolves.toBe(20)
    await e2e.shot(page, '51-admin-stations')
    expect(await staffPageProblems(page)).toEqual([])
    await page.locator('[data-more]').click()
    // A page more (the reach-bottom of the scrolled-to button may add a third).
    await eventually(() => page.locator('.admin-item').count(), (n) => n >= 40)

    // One station's form, filled from the record.
    await page.locator(`.admin-item[data-station-id=${CITY_CENTRE_STATION.id}]`).click()
    await page.locator('[data-form=station]').waitFor()
    await expect(input(page, 'name').inputValue()).resolves.toBe(CITY_CENTRE_STATION.name)
    await expect(input(page, 'hoursText').inputValue()).resolves.toBe('周一至周五 08:30-12:00,14:30-18:00')
    await expect(page.locator('.station-location__point').textContent()).resolves.toContain(`东经 ${CITY_CENTRE_STATION.location.lng.toFixed(5)}°`)
    // A pasted coordinate outside China, or two of them, is refused, saying why; the point stays.
    await page.locator('[data-field=coordSource] [data-value=gcj02]').click()
    await input(page, 'pastedPoint').fill('2.352222,48.856613')
    await page.locator('[data-action=read-point]').click()
    await expect(page.locator('.field-error[data-field=pastedPoint]').textContent()).resolves.toContain('坐标不在中国境内')
    await input(page, 'pastedPoint').fill('103.436500,24.410500 103.450000,24.420000')
    await page.locator('[data-action=read-point]').click()
    await expect(page.locator('.field-error[data-field=pastedPoint]').textContent()).resolves.toContain('不止一个坐标')
    await input(page, 'address').fill('')
    await page.locator('[data-action=save]').click()
    await expect(page.locator('.field-error[data-field=address]').textContent()).resolves.toBe('请填写地址')
    // The page scrolls the first bad field to just below the navigation bar.
    await page.waitForFunction(() => {
      const top = document.querySelector('#field-address')?.getBoundingClientRect().top ?? -1
      return top > 40 && top < 120
    })
    await e2e.shot(page, '52-admin-station-edit')
    expect(await staffPageProblems(page)).toEqual([])

    // The review list holds the worker's report; resolving it empties the pending list.
    await page.goto(`${e2e.app.url}/#/admin/reports/index`)
    await page.locator('[data-report-id]').first().waitFor()
    await expect(page.locator('[data-report-id]').first().textContent()).resolves.toContain('晚上十点去时没有开门')
    await e2e.shot(page, '53-admin-reports')
    expect(await staffPageProblems(page)).toEqual([])
    await page.locator('[data-action=decide]').first().click()
    await page.locator('.reports__decide textarea').fill('已核实，驿站全天开放')
    await page.locator('[data-action=resolve]').click()
    await page.getByText('没有待处理的问题报告').waitFor()
    await page.locator('[data-status=resolved]').click()
    await page.locator('[data-report-id]').first().waitFor()
    await expect(page.locator('[data-report-id]').first().textContent()).resolves.toContain('已核实，驿站全天开放')

    // Import: a dry run names each bad row by its line; nothing is written until confirmed.
    // The file goes to the upload route; the import calls carry only its id (WeChat advises events under 100 KB).
    const importCalls: number[] = []
    const importUploads: string[] = []
    page.on('request', (req) => {
      if (req.url().endsWith('/api/stations') && /"action":"import"/.test(req.postData() ?? '')) importCalls.push(Buffer.byteLength(req.postData() ?? ''))
      if (req.url().includes('/api/upload?purpose=import')) importUploads.push(req.url())
    })
    await page.goto(`${e2e.app.url}/#/admin/import/index`)
    await page.locator('[data-action=choose-file]').waitFor()
    const header = '外部编号,类型,级别,名称,地址,所在地区,经度,纬度,坐标系,联系电话,开放时间,节假日闭馆,闭馆日期,服务设施,服务内容,照片,管理单位,状态,核实日期'
    const good = 'E2E-1,职工驿站,,新哨镇测试驿站,弥勒市新哨镇测试路1号,新哨镇,103.2,23.9,wgs84,0873-1234567,每天 08:00-20:00,否,,饮水、热饭,饮水、热饭,,新哨镇总工会,开放,2026-03-01'
    const bad = 'E2E-2,职工驿站,,,弥勒市新哨镇测试路2号,新哨镇,203.2,23.9,wgs84,,每天 08:00-20:00,否,,,,,,开放,'
    const choose = async (name: string, text: string) => {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-action=choose-file]').click()])
      await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') })
    }
    await choose('stations-bad.csv', [header, good, bad].join('\n'))
    await page.locator('[data-import=problems]').waitFor()
    await expect(page.locator('.import__problem[data-line="3"]').count()).resolves.toBeGreaterThanOrEqual(1)
    await expect(page.locator('[data-action=confirm-import]').count()).resolves.toBe(0)
    // Line 3's every problem at once: the missing name and the longitude out of range.
    await expect(page.locator('.import__problem[data-line="3"]').allTextContents()).resolves.toEqual(expect.arrayContaining([expect.stringContaining('名称'), expect.stringContaining('经度')]))
    await e2e.shot(page, '54-admin-import-dry-run')
    expect(await staffPageProblems(page)).toEqual([])

    await choose('stations.csv', [header, good].join('\n'))
    await page.locator('[data-import=ok]').waitFor()
    await expect(page.locator('.import__summary').textContent()).resolves.toContain('将新增 1')
    await page.locator('[data-action=confirm-import]').click()
    await page.locator('[data-import=done]').waitFor()
    await expect(page.locator('[data-import=done] .import__summary').textContent()).resolves.toContain('已新增 1')
    await e2e.shot(page, '55-admin-import-done')
    // Two files, each uploaded once: its dry run and its import name it by id in small events.
    expect(importUploads).toHaveLength(2)
    expect(importCalls).toHaveLength(3)
    for (const size of importCalls) expect(size).toBeLessThan(2048)

    // Export downloads a workbook of every station (75 demo ones and the imported one).
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-action=export-csv]').click()])
    expect(download.suggestedFilename()).toMatch(/^stations-\d{4}-\d{2}-\d{2}\.csv$/)
    await expect(page.locator('[data-exported]').textContent()).resolves.toContain('76 个站点')
    await context.close()
  })
})

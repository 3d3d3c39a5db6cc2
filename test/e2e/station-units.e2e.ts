import type { Page } from 'playwright-core'
import { startE2E, type E2E } from './harness'
import { staffPageProblems } from './worker-checks'

const PHONE = { viewport: { width: 360, height: 740 } }
/** 太平街道 and one grassroots union under it (seed-units.ts). */
const TOWNSHIP = 'unit-532504002'
const COMMUNITY = 'unit-532504002-01'

const signIn = async (page: Page, base: string, account: string, next: string) => {
  await page.goto(`${base}/demo-login?next=${encodeURIComponent(next)}`)
  await page.click(`[data-account=${account}]`)
}

/** The fields of the station form, by name. */
const input = (page: Page, name: string) => page.locator(`[data-field="${name}"] input, [data-field="${name}"] textarea`).first()

/**
 * Stations belong to a unit: the city's admin invites an admin for 太平街道, who then sees only
 * that township's stations, and creates one in a union of the township chosen with the unit picker.
 */
describe('stations by jurisdiction in the browser', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()))
  afterAll(() => e2e?.close())

  it('a township admin sees the township’s stations only and puts a new one in a union of it', async () => {
    // The city's admin invites the township's admin (the invitation pages have their own journey).
    const city = await e2e.newUser(PHONE)
    await signIn(city.page, e2e.app.url, 'admin', '/')
    await city.page.locator('[data-entry=admin-stations]').waitFor()
    const invited = await city.page.evaluate(async (unitId) => {
      const res = await fetch('/api/admin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'createInvitation', input: { unitId, roles: ['admin'], displayName: '周琳' } }) })
      return res.json()
    }, TOWNSHIP)
    expect(invited).toMatchObject({ ok: true })
    await city.page.locator('[data-entry=admin-stations]').click()
    await city.page.locator('.admin-item').first().waitFor()
    const cityUnits = await city.page.locator('.admin-item [data-unit]').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit')))
    expect(new Set(cityUnits).size).toBeGreaterThan(1)

    const { page, context } = await e2e.newUser(PHONE)
    await signIn(page, e2e.app.url, 'new-worker', '/#/review/redeem/index')
    await page.locator('[data-field=code] input, input[data-field=code]').first().fill(invited.data.code)
    await page.locator('[data-action=redeem]').click()
    await page.locator('[data-redeemed]').waitFor()

    // 站点管理: only 太平街道's stations, each saying so.
    await page.goto(`${e2e.app.url}/#/admin/stations/index`)
    await page.locator('.admin-item').first().waitFor()
    const units = await page.locator('.admin-item [data-unit]').evaluateAll((els) => els.map((e) => e.getAttribute('data-unit')))
    expect(units.length).toBeGreaterThan(3)
    expect(new Set(units)).toEqual(new Set([TOWNSHIP]))
    await expect(page.locator('.admin-item [data-unit]').first().textContent()).resolves.toBe('所属单位 太平街道总工会')
    await e2e.shot(page, 'stations-60-township-admin-list')
    expect(await staffPageProblems(page)).toEqual([])

    // A new station: the township is its unit until another of it is picked.
    await page.locator('[data-action=new-station]').click()
    await page.locator('[data-form=station]').waitFor()
    await page.locator(`[data-field=unitId] [data-unit="${TOWNSHIP}"]`).waitFor()
    await page.locator('[data-field=kind] [data-value=rest-post]').click()
    await input(page, 'name').fill('太平社区户外劳动者驿站')
    await input(page, 'district').fill('太平街道')
    await input(page, 'address').fill('弥勒市太平街道太平社区1号')
    // The point: no typed GCJ-02, but a coordinate copied from a map app, the app named (here Baidu's, latitude first).
    await expect(page.locator('[data-field=lng] input, [data-field=lat] input').count()).resolves.toBe(0)
    await input(page, 'pastedPoint').fill('24.426013, 103.456542')
    await page.locator('[data-action=read-point]').click()
    await expect(page.locator('.field-error[data-field=coordSource]').textContent()).resolves.toBe('请选择坐标是从哪个地图复制的')
    await page.locator('[data-field=coordSource] [data-value=bd09]').click()
    await page.locator('[data-action=read-point]').click()
    await page.locator('.station-location__point:not([data-point=""])').waitFor()
    const [lng, lat] = (await page.locator('.station-location__point').getAttribute('data-point'))!.split(',').map(Number)
    // BD-09 to GCJ-02 moves the point about 0.0065° east and 0.006° north, back.
    expect(lng).toBeCloseTo(103.45, 2)
    expect(lat).toBeCloseTo(24.42, 2)
    await e2e.shot(page, 'stations-63-station-point-pasted')
    expect(await staffPageProblems(page)).toEqual([])
    await input(page, 'hoursText').fill('每天 08:00-20:00')
    await page.locator('[data-field=unitId] [data-action=pick-unit]').click()
    // The picker opens at the township: the city above it is not the admin's to choose.
    await page.locator(`[data-picker=unit] [data-unit-id="${TOWNSHIP}"]`).waitFor()
    await expect(page.locator('[data-picker=unit] [data-child=unit-root]').count()).resolves.toBe(0)
    await page.locator(`[data-picker=unit] [data-child="${COMMUNITY}"]`).click()
    await page.locator(`[data-picker=unit] [data-unit-id="${COMMUNITY}"]`).waitFor()
    await e2e.shot(page, 'stations-61-station-unit-picker')
    await page.locator('[data-picker=unit] [data-action=pick]').click()
    await page.locator(`[data-field=unitId] [data-unit="${COMMUNITY}"]`).waitFor()
    await expect(page.locator('[data-field=unitId] .admin-unit__name').textContent()).resolves.toBe('太平街道太平社区工会')
    await page.locator('[data-action=save]').click()
    await page.locator('.station-edit__status').waitFor()
    await e2e.shot(page, 'stations-62-station-created-in-unit')
    // The id the app made up for it is nowhere on the page.
    await expect(input(page, 'externalId').inputValue()).resolves.toBe('')
    await expect(page.locator('.taro_page:visible').textContent()).resolves.not.toContain('lantian')
    expect(await staffPageProblems(page)).toEqual([])

    await page.goto(`${e2e.app.url}/#/admin/stations/index`)
    await page.locator(`.admin-item [data-unit="${COMMUNITY}"]`).waitFor()
    await expect(page.locator(`.admin-item:has([data-unit="${COMMUNITY}"])`).textContent()).resolves.toContain('太平社区户外劳动者驿站')
    await expect(page.locator('.taro_page:visible').textContent()).resolves.not.toContain('lantian')
    // Search by part of the address, on the server: only that station.
    await page.locator('[data-search] input:visible').fill('太平社区1号')
    await page.locator('[data-action=search]:visible').click()
    await page.locator('.admin-station-list[data-count="1"]').waitFor()
    await expect(page.locator('.admin-item').textContent()).resolves.toContain('太平社区户外劳动者驿站')
    await e2e.shot(page, 'stations-64-station-search')
    expect(await staffPageProblems(page)).toEqual([])
    await context.close()
    await city.context.close()
  })
})

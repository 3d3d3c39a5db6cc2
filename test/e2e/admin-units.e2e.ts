import type { Page } from 'playwright-core'
import { startE2E, type E2E } from './harness'
import { staffPageProblems } from './worker-checks'

const PHONE = { viewport: { width: 360, height: 740 } }
const TOWNSHIP = 'unit-532504001'
const OTHER_TOWNSHIP = 'unit-532504002'

const signIn = async (page: Page, base: string, account: string, next: string) => {
  await page.goto(`${base}/demo-login?next=${encodeURIComponent(next)}`)
  await page.click(`[data-account=${account}]`)
}

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

/** The unit the units page shows now. */
const unitOnScreen = (page: Page) => page.locator('[data-unit-card]').getAttribute('data-unit-card')
/** Taps a button of Taro's H5 dialog. */
const answer = (page: Page, text: string) => page.locator('.taro__modal').getByText(text, { exact: true }).click()
/** Waits until a toast is gone, so the screenshot shows the page under it. */
const toastGone = (page: Page, text: string) => page.getByText(text, { exact: true }).waitFor({ state: 'hidden' })

/**
 * The union's admin in Chromium on the H5 build: a new grassroots union under a township,
 * renamed and moved; an invitation to it; a new person redeems the code and becomes staff; the
 * admin sees them and changes their roles.
 */
describe('union administration in the browser', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()))
  afterAll(() => e2e?.close())

  it('adds, renames and moves a union, invites a caseworker to it, who redeems the code; the admin then changes their roles', async () => {
    const admin = await e2e.newUser({ ...PHONE, permissions: ['clipboard-read', 'clipboard-write'] })
    const page = admin.page
    await signIn(page, e2e.app.url, 'admin', '/')
    await page.locator('[data-entry=admin-units]').click()

    // The admin's own unit, its 14 townships and streets.
    await eventually(() => unitOnScreen(page), (id) => id === 'unit-root')
    await expect(page.locator('[data-child]').count()).resolves.toBe(14)
    await expect(page.locator('[data-action=move]').count()).resolves.toBe(0)
    await e2e.shot(page, '90-admin-units-root')
    expect(await staffPageProblems(page)).toEqual([])

    // Down to a township; an empty name is refused next to its field.
    await page.locator(`[data-child=${TOWNSHIP}]`).click()
    await eventually(() => unitOnScreen(page), (id) => id === TOWNSHIP)
    await expect(page.locator('.unit-trail[data-trail]').textContent()).resolves.toContain('弥勒市总工会')
    const before = await page.locator('[data-child]').count()
    await page.locator('[data-action=create-unit]').click()
    await expect(page.locator('[data-form=new-unit] .field-error[data-field=name]').textContent()).resolves.toBe('单位名称至少2个字')
    await e2e.shot(page, '91-admin-units-name-required')
    await page.locator('[data-form=new-unit] input').fill('新星物流公司工会')
    await page.locator('[data-action=create-unit]').click()
    await eventually(() => page.locator('[data-child]').count(), (n) => n === before + 1)
    await toastGone(page, '已添加')
    await e2e.shot(page, '92-admin-units-added')

    // Into the new union; rename it.
    await page.locator('[data-child]', { hasText: '新星物流公司工会' }).click()
    await eventually(() => page.locator('.admin-units__name').textContent(), (t) => t === '新星物流公司工会')
    const unitId = (await unitOnScreen(page))!
    await page.locator('[data-action=rename]').click()
    await page.locator('[data-form=rename] input').fill('弥勒市新星物流有限公司工会')
    await toastGone(page, '已添加')
    await e2e.shot(page, '93-admin-unit-rename')
    await page.locator('[data-action=save-name]').click()
    await eventually(() => page.locator('.admin-units__name').textContent(), (t) => t === '弥勒市新星物流有限公司工会')

    // Move it under another street: the picker goes down from the admin's own unit.
    await page.locator('[data-action=move]').click()
    await page.locator(`[data-picker=unit] [data-child=${OTHER_TOWNSHIP}]`).click()
    await eventually(() => page.locator('[data-picker=unit] .unit-picker__name').textContent(), (t) => t === '太平街道总工会')
    await toastGone(page, '已改名')
    await e2e.shot(page, '94-admin-unit-move-picker')
    await page.locator('[data-picker=unit] [data-action=pick]').click()
    // The page's own trail (the picker's may still be there for a moment as it closes).
    await eventually(() => page.locator('.unit-trail[data-trail]').first().getAttribute('data-trail'), (t) => t === `unit-root/${OTHER_TOWNSHIP}`)
    await toastGone(page, '已移到太平街道总工会之下')
    await e2e.shot(page, '95-admin-unit-moved')

    // An invitation for one caseworker of that union: the form starts at the union being viewed; the code is shown once.
    await page.locator('[data-action=invitations]').click()
    await page.locator('[data-form=invitation]').waitFor()
    await eventually(() => page.locator('[data-unit]').getAttribute('data-unit'), (id) => id === unitId)
    await expect(page.locator('[data-form=invitation] .admin-unit__name').textContent()).resolves.toBe('弥勒市新星物流有限公司工会')
    expect(await staffPageProblems(page)).toEqual([])
    await page.locator('[data-action=create-invitation]').click()
    await expect(page.locator('.field-error[data-field=displayName]').textContent()).resolves.toBe('请填写被邀请人的姓名')
    // The picker opens at that union too.
    await page.locator('[data-action=pick-unit]').click()
    await eventually(() => page.locator('[data-picker=unit] .unit-picker__name').textContent(), (t) => t === '弥勒市新星物流有限公司工会')
    await e2e.shot(page, '96-admin-invitation-pick-unit')
    await page.locator('[data-picker=unit] [data-action=pick]').click()
    await expect(page.locator('[data-unit]').getAttribute('data-unit')).resolves.toBe(unitId)
    await expect(page.locator('[data-field=roles] [data-value=caseworker]').getAttribute('aria-checked')).resolves.toBe('true')
    await page.locator('[data-form=invitation] input').fill('刘洋')
    await e2e.shot(page, '96-admin-invitation-form')
    await page.locator('[data-action=create-invitation]').click()
    const code = (await page.locator('[data-code]').textContent())!.trim()
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
    await expect(page.locator('.code-box__warning').textContent()).resolves.toContain('只显示这一次')
    await page.locator('[data-action=copy-code]').click()
    await eventually(() => page.evaluate(() => navigator.clipboard.readText()), (text) => text === code)
    await page.getByText('内容已复制').waitFor({ state: 'hidden' })
    await eventually(() => page.locator('[data-invitation-id][data-status=open]').count(), (n) => n === 1)
    await e2e.shot(page, '97-admin-invitation-code')
    expect(await staffPageProblems(page)).toEqual([])

    // A new person redeems it in their own browser and becomes staff of that union.
    const invitee = await e2e.newUser(PHONE)
    await signIn(invitee.page, e2e.app.url, 'new-worker', '/#/review/redeem/index')
    await invitee.page.locator('[data-field=code] input, input[data-field=code]').first().fill(code.toLowerCase())
    await invitee.page.locator('[data-action=redeem]').click()
    await invitee.page.locator('[data-redeemed]').waitFor()
    await expect(invitee.page.locator('[data-unit]').textContent()).resolves.toBe('弥勒市新星物流有限公司工会')
    await e2e.shot(invitee.page, '98-redeemed')
    await invitee.context.close()

    // The invitation is used; the admin's staff list shows the new caseworker.
    await page.locator('[data-action=code-done]').click()
    await page.reload()
    await eventually(() => page.locator('[data-invitation-id]').first().getAttribute('data-status'), (s) => s === 'used')
    await page.goto(`${e2e.app.url}/#/admin/staff/index`)
    // The demo has a township cadre of the same name: the invited one is the logistics company's.
    const liu = page.locator('[data-staff=刘洋]').filter({ hasText: '弥勒市新星物流有限公司工会' })
    await liu.waitFor()
    await expect(liu.locator('[data-roles]').getAttribute('data-roles')).resolves.toBe('caseworker')
    await expect(liu.textContent()).resolves.toContain('弥勒市新星物流有限公司工会')
    await e2e.shot(page, '99-admin-staff')
    expect(await staffPageProblems(page)).toEqual([])

    // An admin cannot change themself: the server's reason is shown.
    const zhao = page.locator('[data-staff=赵强]')
    await zhao.locator('[data-action=edit-roles]').click()
    await zhao.locator('[data-field=roles] [data-value=caseworker]').click()
    await zhao.locator('[data-action=save-roles]').click()
    await page.locator('.taro__modal').getByText('不能修改自己的角色或状态，请联系上级管理员').waitFor()
    await e2e.shot(page, '100-admin-staff-self-refused')
    await answer(page, '知道了')
    await zhao.locator('[data-form=roles]').waitFor({ state: 'detached' })

    // The caseworker role goes: none at all is refused on the phone, then reviewer instead.
    await liu.locator('[data-action=edit-roles]').click()
    await liu.locator('[data-field=roles] [data-value=caseworker]').click()
    await liu.locator('[data-action=save-roles]').click()
    await expect(liu.locator('.field-error[data-field=roles]').textContent()).resolves.toContain('请至少选择一个角色')
    await liu.locator('[data-field=roles] [data-value=reviewer]').click()
    await e2e.shot(page, '101-admin-staff-roles')
    await liu.locator('[data-action=save-roles]').click()
    await eventually(() => liu.locator('[data-roles]').getAttribute('data-roles'), (r) => r === 'reviewer')
    await expect(liu.locator('[data-roles]').textContent()).resolves.toBe('角色：审核人员')
    await admin.context.close()
  })
})

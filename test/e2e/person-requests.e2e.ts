import { addDays, shanghaiDateOf } from '../../src/domain/calendar'
import { formatDate } from '../../src/text/format'
import { startE2E, type E2E } from './harness'
import { measure, RULES, unnamed } from './worker-checks'

const PHONE = { viewport: { width: 360, height: 740 } }
const AT = '2026-03-02T02:00:00.000Z'

/**
 * A reviewer's page for people's requests about their data, in Chromium on the H5 build: the admin
 * records a request against an application, sees it listed with its deadline 30 days on, and
 * closes it; a refusal without reasons is refused next to its field.
 */
describe("people's requests about their data in the browser", () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()))
  afterAll(() => e2e?.close())

  it('records a copy request, lists it with its deadline and days left, and closes it', async () => {
    await e2e.app.deps.store.repos.applications.insert({
      id: 'a-e2e-request', number: 'MLS-2026-009001', applicantOpenid: 'o-e2e-w', unitId: 'unit-532504001', status: 'withdrawn', version: 2, name: '张小明',
      idNumberEnc: '', idNumberHash: '', phoneEnc: '', employer: '', mainCause: 'other', timeline: [], createdAt: AT, updatedAt: AT,
    })
    const { page } = await e2e.newUser(PHONE)
    await page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/')}`)
    await page.click('[data-account=admin]')
    // In large-text mode throughout: every word and target checked below.
    await page.locator('[data-setting=large-text]').click()
    await page.locator('.home.large-text').waitFor()
    await page.locator('[data-entry=person-requests]').click()
    await page.getByText('目前没有待答复的请求').waitFor()

    // The form: a note of one character is refused next to its field.
    await page.locator('[data-action=add-request]').click()
    const form = page.locator('[data-form=open-request]')
    await form.locator('input[data-field=applicationId], [data-field=applicationId] input').first().fill('MLS-2026-009001')
    await form.locator('[data-field=kind] [data-value=copy]').click()
    await form.locator('textarea').fill('要')
    await form.locator('[data-action=submit]').click()
    await expect(form.locator('.field-error[data-field=note]').textContent()).resolves.toContain('2到500个字')
    await form.locator('textarea').fill('本人来电要求复制申请资料')
    await e2e.shot(page, 'a0-person-request-form')
    await expect(measure(page, RULES.large.text, RULES.large.target)).resolves.toEqual({ text: [], targets: [] })
    await form.locator('[data-action=submit]').click()

    // Listed with its received day, its deadline 30 days on and the days left.
    const item = page.locator('[data-request]')
    await item.waitFor()
    const today = shanghaiDateOf(e2e.clock.now())
    await expect(item.locator('[data-due]').getAttribute('data-due')).resolves.toBe(addDays(today, 30))
    const text = await item.textContent()
    expect(text).toContain('查阅、复制本人信息')
    expect(text).toContain('申请编号：MLS-2026-009001')
    expect(text).toContain(`答复期限：${formatDate(addDays(today, 30))}`)
    expect(text).toContain('剩余 30 天')
    await expect(item.getAttribute('data-overdue')).resolves.toBe('false')
    await e2e.shot(page, 'a1-person-request-listed')

    // Closing as refused needs the reasons; with them (or done with what was done) it leaves the list.
    await item.locator('[data-action=close-request]').click()
    const close = item.locator('[data-form=close-request]')
    await close.locator('[data-field=status] [data-value=refused]').click()
    await close.locator('[data-action=submit]').click()
    await expect(close.locator('.field-error[data-field=outcome]').textContent()).resolves.toContain('拒绝理由')
    await close.locator('[data-field=status] [data-value=done]').click()
    await close.locator('textarea').fill('已将申请资料复印件交给本人')
    await e2e.shot(page, 'a2-person-request-close')
    await expect(measure(page, RULES.large.text, RULES.large.target)).resolves.toEqual({ text: [], targets: [] })
    await expect(unnamed(page)).resolves.toEqual([])
    await close.locator('[data-action=submit]').click()
    await page.getByText('目前没有待答复的请求').waitFor()
    const stored = await e2e.app.deps.store.repos.personRequests.openUnder('unit-532504001', null, 10)
    expect(stored).toEqual([])
    await e2e.shot(page, 'a3-person-request-closed')
  })

  it('shows the first 20 open requests with the count of all, and the rest on 加载更多, the soonest due first', async () => {
    const today = shanghaiDateOf(e2e.clock.now())
    for (let i = 0; i < 25; i++) {
      await e2e.app.deps.store.repos.personRequests.put(
        { id: `pr-e2e-${String(i).padStart(2, '0')}`, kind: 'restrict', applicationId: 'a-e2e-request', unitId: 'unit-532504001', note: `本人要求限制处理（第${i + 1}件）`, receivedOn: today, dueOn: addDays(today, 30 - (i % 5)), status: 'open', openedBy: 'o-e2e', version: 1 },
        0,
      )
    }
    const { page } = await e2e.newUser(PHONE)
    await page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/')}`)
    await page.click('[data-account=admin]')
    await page.locator('[data-entry=person-requests]').click()
    const list = page.locator('.request-list')
    await list.waitFor()
    await expect(list.getAttribute('data-count')).resolves.toBe('25')
    await expect(page.locator('[data-request]').count()).resolves.toBe(20)
    expect(await page.locator('.request-list > .admin-note').first().textContent()).toContain('待答复 25 件')
    const dues = async () => page.locator('[data-due]').evaluateAll((els) => els.map((e) => e.getAttribute('data-due') ?? ''))
    expect(await dues()).toEqual([...(await dues())].sort())
    await page.locator('[data-more]').click()
    await page.locator('[data-request]').nth(24).waitFor()
    await expect(page.locator('[data-request]').count()).resolves.toBe(25)
    await expect(page.locator('[data-more]').count()).resolves.toBe(0)
    expect(await dues()).toEqual([...(await dues())].sort())
    await expect(measure(page, RULES.normal.text, RULES.normal.target)).resolves.toEqual({ text: [], targets: [] })
    await expect(unnamed(page)).resolves.toEqual([])
    await e2e.shot(page, 'a4-person-requests-paged')
  })
})

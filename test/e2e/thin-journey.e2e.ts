import { agree, atStep, choose, errorOf, fillApplicant, fillCausesAndBank, input, next } from './apply-helpers'
import { startE2E, type E2E } from './harness'

/** A new worker, in Chromium on the H5 build, walks the thin journey end to end. */
describe('thin journey in the browser', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()))
  afterAll(() => e2e?.close())

  it('signs in, applies, sees a wrong ID number beside its field, submits and finds the application again after a reload', async () => {
    const { page, context } = await e2e.newUser()

    // A visitor without a session is sent to the demo sign-in, which says it is a local demo.
    await page.goto(`${e2e.app.url}/`)
    await page.waitForURL(/\/demo-login/)
    await expect(page.getByRole('note').textContent()).resolves.toContain('本地演示登录')
    await e2e.shot(page, '01-demo-login')
    await page.click('[data-account=new-worker]')

    // Home: the entries, every one of them built; no admin entry for a worker.
    await page.locator('[data-entry=apply]').waitFor()
    await expect(page.locator('.demo-banner, [class*=demo]').first().textContent()).resolves.toContain('新职工')
    await expect(page.locator('.entry-tile--soon').count()).resolves.toBe(0)
    await expect(page.locator('[data-entry=admin-stations]').count()).resolves.toBe(0)
    await e2e.shot(page, '02-home')

    // The form: a wrong check digit is shown beside the ID number field, in Chinese.
    await page.locator('[data-entry=apply]').click()
    await agree(page)
    await fillApplicant(page, { name: '张小明', idNumber: '532504199001011234', phone: '13812345678', members: [] })
    await input(page, 'applicant.phone').click()
    await expect(errorOf(page, 'applicant.idNumber').textContent()).resolves.toContain('身份证号校验位不正确')
    await e2e.shot(page, '04-apply-wrong-id')

    await input(page, 'applicant.idNumber').fill('532504199001011238')
    await input(page, 'applicant.phone').click()
    await expect(errorOf(page, 'applicant.idNumber').count()).resolves.toBe(0)
    await next(page)
    await atStep(page, 'members')
    await next(page)
    await atStep(page, 'finances')
    for (const [field, value] of [['householdSize', '1'], ['annualIncome', '9000'], ['applicantMonthlyIncome', '750'], ['medicalExpenses', '0'], ['schoolingExpenses', '0'], ['otherRigidExpenses', '0'], ['hardshipCosts', '0']]) {
      await input(page, `finances.${field}`).fill(value)
    }
    await choose(page, 'finances.accidentOrDisaster', 'no')
    await next(page)
    await fillCausesAndBank(page, { name: '张小明', idNumber: '', phone: '', members: [] })
    await next(page)
    await atStep(page, 'review')
    await e2e.shot(page, '05-apply-filled')
    await page.locator('.apply-form__submit').click()

    // The detail page: number and status, sensitive values masked.
    await page.locator('.app-number').waitFor()
    const number = (await page.locator('.app-number').textContent())?.match(/MLS-\d{4}-\d{6}/)?.[0]
    expect(number).toBeDefined()
    await expect(page.locator('.app-status').textContent()).resolves.toContain('已提交')
    await expect(page.locator('.app-id-number').textContent()).resolves.toContain('5325**********1238')
    expect(await page.content()).not.toContain('532504199001011238')
    await e2e.shot(page, '06-application-detail')

    // 我的申请 lists it, and a reload keeps it.
    await page.goto(`${e2e.app.url}/#/pages/my-applications/index`)
    await page.getByText(number!).waitFor()
    await page.reload()
    await page.getByText(number!).waitFor()
    await expect(page.getByText('已提交').first().isVisible()).resolves.toBe(true)
    await e2e.shot(page, '07-my-applications')
    await context.close()
  })

  it('keeps one worker\'s applications from another', async () => {
    const { page, context } = await e2e.newUser()
    await page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/#/pages/my-applications/index')}`)
    await page.click('[data-account=new-worker]')
    await page.locator('.empty-state, [class*=empty]').first().waitFor()
    await expect(page.locator('text=/MLS-\\d{4}-\\d{6}/').count()).resolves.toBe(0)
    await e2e.shot(page, '08-my-applications-empty')
    await context.close()
  })

  it('clears the browser storage (where drafts live) when another demo user signs in', async () => {
    const { page, context } = await e2e.newUser()
    await page.goto(`${e2e.app.url}/demo-login`)
    await page.evaluate(() => localStorage.setItem('lantian-test-left-behind', 'draft of the previous user'))
    await page.click('[data-account=new-worker]')
    await page.locator('[data-entry=apply]').waitFor()
    await expect(page.evaluate(() => localStorage.getItem('lantian-test-left-behind'))).resolves.toBeNull()
    await context.close()
  })
})

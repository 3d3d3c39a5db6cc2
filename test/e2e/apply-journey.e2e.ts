import type { BrowserContext, Page } from 'playwright-core'
import type { Actor } from '../../src/domain'
import { changeStatus } from '../../server/usecases/shared/status-change'
import {
  agree,
  applicationIdOf,
  atStep,
  choose,
  chooseUnion,
  errorOf,
  fillApplicant,
  fillCausesAndBank,
  fillFinances,
  fillMembers,
  HOME_ADDRESS,
  input,
  JPEG,
  next,
  upload,
  WANG,
  ZHANG,
} from './apply-helpers'
import { startE2E, type E2E } from './harness'

/** A new worker in Chromium on the H5 build: self-check, the application with a break in the middle, 我的申请, a return fixed. */
describe('a worker applies by themselves', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()))
  afterAll(() => e2e?.close())

  async function signIn(): Promise<{ context: BrowserContext; page: Page }> {
    const user = await e2e.newUser()
    await user.page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/')}`)
    await user.page.click('[data-account=new-worker]')
    await user.page.locator('[data-entry=self-check]').waitFor()
    return user
  }

  /** From the documents step: one document, then the review and the submission; ends on the detail page. */
  async function uploadAndSubmit(page: Page, shot: (name: string) => Promise<unknown>): Promise<string> {
    await upload(page, 'id-card', { name: 'IMG_20260302_0915.jpg', mimeType: 'image/jpeg', buffer: JPEG })
    await page.locator('[data-kind=id-card] [data-document]').waitFor()
    await shot('documents')
    await next(page)
    await atStep(page, 'review')
    await shot('review')
    await page.locator('.apply-form__submit').click()
    await page.locator('.app-number').waitFor()
    return applicationIdOf(page)
  }

  it('runs the self-check, applies with two family members and a document, leaves half-way, comes back and submits', async () => {
    const { page, context } = await signIn()

    // 困难自测: the figures give 深度困难 against Mile's 低保 line.
    await page.locator('[data-entry=self-check]').click()
    await page.locator('[data-field=unitId] [data-value=unit-532504001]').click()
    await input(page, 'householdSize').fill('4')
    await input(page, 'annualIncome').fill('30000')
    await input(page, 'medicalExpenses').fill('6000')
    await input(page, 'schoolingExpenses').fill('3000')
    await page.locator('.self-check__run').click()
    await page.locator('.self-check__result').waitFor()
    await expect(page.locator('.self-check__category').textContent()).resolves.toBe('深度困难')
    await expect(page.locator('.self-check__result').textContent()).resolves.toContain('弥勒市总工会')
    await e2e.shot(page, '10-self-check-result')
    await page.locator('.self-check__apply').click()

    // The form: consent first, then the applicant; a wrong ID number is shown beside its field.
    await agree(page)
    await e2e.shot(page, '11-apply-applicant-empty')
    await next(page)
    await expect(errorOf(page, 'applicant.name').textContent()).resolves.toBe('请填写姓名')
    await fillApplicant(page, { ...ZHANG, idNumber: '532504199001011234' })
    await next(page)
    await expect(errorOf(page, 'applicant.idNumber').textContent()).resolves.toContain('身份证号校验位不正确')
    await e2e.shot(page, '12-apply-wrong-id')
    await input(page, 'applicant.idNumber').fill(ZHANG.idNumber)
    await expect(page.locator('[data-derived=birth]').textContent()).resolves.toContain('1990年1月1日')
    await next(page)

    // Two family members; the self-check's figures are already in the income step.
    await atStep(page, 'members')
    await fillMembers(page, ZHANG)
    await e2e.shot(page, '13-apply-members')
    await next(page)
    await atStep(page, 'finances')
    await expect(input(page, 'finances.annualIncome').inputValue()).resolves.toBe('30000')
    await input(page, 'finances.applicantMonthlyIncome').fill('2000')
    await input(page, 'finances.medicalExpenses').fill('6500')

    // The page is closed half-way; a new one opens the form where it was left.
    await page.close()
    const again = await context.newPage()
    await again.goto(`${e2e.app.url}/`)
    await again.locator('[data-entry=apply]').click()
    await atStep(again, 'finances')
    await expect(input(again, 'finances.medicalExpenses').inputValue()).resolves.toBe('6500')
    await expect(input(again, 'finances.householdSize').inputValue()).resolves.toBe('4')
    await e2e.shot(again, '14-apply-reopened-draft')
    await again.locator('.apply-form__back').click()
    await atStep(again, 'members')
    await expect(input(again, 'members.1.idNumber').inputValue()).resolves.toBe(ZHANG.members[1].idNumber)
    await next(again)
    await atStep(again, 'finances')
    await next(again)

    await fillCausesAndBank(again, ZHANG)
    const id = await uploadAndSubmit(again, (name) => e2e.shot(again, `15-apply-${name}`))

    // The detail page: number, status, the stages with today's date and what happens next.
    await expect(again.locator('.app-status').textContent()).resolves.toContain('已提交')
    await expect(again.locator('[data-stage=submitted]').getAttribute('data-state')).resolves.toBe('current')
    await expect(again.locator('[data-stage=submitted] .stages__date').textContent()).resolves.toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
    await expect(again.locator('[data-stage=submitted] .stages__text').textContent()).resolves.toContain('进行中')
    await expect(again.locator('.app-next-step').textContent()).resolves.toContain('等待基层工会初审')
    await expect(again.locator('.app-category').textContent()).resolves.toBe('深度困难')
    const html = await again.content()
    for (const secret of [ZHANG.idNumber, ZHANG.phone, '13698765432', ZHANG.members[0].idNumber, '6228480123456789012']) expect(html).not.toContain(secret)
    // The family's address and phone (registry fields only): the address as given, the phone masked.
    expect(html).toContain(HOME_ADDRESS)
    expect(html).toContain('136****5432')
    await e2e.shot(again, '16-application-timeline')

    // 我的申请 lists it; the application was stored encrypted with its member and document.
    await again.goto(`${e2e.app.url}/#/pages/my-applications/index`)
    await again.locator(`[data-id="${id}"]`).waitFor()
    const rec = await e2e.app.deps.store.repos.applications.get(id)
    expect(rec).toMatchObject({ status: 'submitted', documents: [{ kind: 'id-card', contentType: 'image/jpeg' }] })
    expect(rec?.memberIdHashes).toHaveLength(2)
    await context.close()
  })

  it('does the same in large-text mode', async () => {
    const { page, context } = await signIn()
    await page.locator('[data-setting=large-text]').click()
    await page.locator('.home.large-text').waitFor()
    await e2e.shot(page, '20-large-text-home')

    await page.locator('[data-entry=apply]').click()
    await agree(page)
    await page.locator('.apply-form.large-text').waitFor()
    await fillApplicant(page, WANG)
    // Her union is a grassroots one, a level down: 更改, then 下级 on her street's union.
    const union = page.locator('#field-applicant-unitId')
    await union.locator('[data-action=change-union]').click()
    await union.locator('[data-down=unit-532504001]').click()
    await union.locator('[data-crumb=unit-532504001]').waitFor()
    await union.scrollIntoViewIfNeeded()
    await e2e.shot(page, '21-large-text-union-picker')
    await chooseUnion(page, 'applicant.unitId', ['unit-532504001'], 'unit-532504001-01')
    await expect(page.locator('[data-chosen]').textContent()).resolves.toBe('已选：弥勒市农机厂工会')
    await e2e.shot(page, '21-large-text-applicant')
    await next(page)
    await atStep(page, 'members')
    await fillMembers(page, WANG)
    await next(page)
    await atStep(page, 'finances')
    await input(page, 'finances.householdSize').fill('3')
    for (const [field, value] of [['annualIncome', '18000'], ['applicantMonthlyIncome', '800'], ['medicalExpenses', '2000'], ['schoolingExpenses', '0'], ['otherRigidExpenses', '0'], ['hardshipCosts', '0']]) {
      await input(page, `finances.${field}`).fill(value)
    }
    await choose(page, 'finances.accidentOrDisaster', 'no')
    await e2e.shot(page, '22-large-text-finances')
    await next(page)
    await fillCausesAndBank(page, WANG)
    await uploadAndSubmit(page, (name) => e2e.shot(page, `23-large-text-${name}`))
    await page.locator('.application.large-text').waitFor()
    await expect(page.locator('.app-status').textContent()).resolves.toContain('已提交')
    await expect(page.locator('.application.large-text').textContent()).resolves.toContain('弥勒市农机厂工会')
    await e2e.shot(page, '24-large-text-timeline')

    // Every touch target of the form is at least 44 px tall, in the larger size too.
    await page.goto(`${e2e.app.url}/#/apply/self-check/index`)
    await page.locator('.self-check__run').waitFor()
    const small = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.btn, .chip, .option, .unit-picker__down, .field__input, .consent__agree'))
        .map((el) => el.getBoundingClientRect().height)
        .filter((h) => h > 0 && h < 44),
    )
    expect(small).toEqual([])
    await context.close()
  })

  it('a returned application is fixed and resubmitted, and each step is in the messages', async () => {
    const { page, context } = await signIn()
    const fourth = { ...ZHANG, idNumber: '532504197512120015', name: '赵建国', members: [ZHANG.members[0], { ...ZHANG.members[1], idNumber: '532504200501010018' }] }
    // A worker who applied and submitted (the form as above, shortened: the same steps).
    await page.locator('[data-entry=apply]').click()
    await agree(page)
    await fillApplicant(page, fourth)
    await next(page)
    await atStep(page, 'members')
    await fillMembers(page, fourth)
    await next(page)
    await fillFinances(page)
    await fillCausesAndBank(page, fourth)
    const id = await uploadAndSubmit(page, async () => undefined)

    // The caseworker returns it (through the use cases: the review pages are another issue's).
    const caseworker: Actor = { openid: 'demo-caseworker', roles: ['worker', 'caseworker'], unitId: 'unit-532504001' }
    const { deps } = e2e.app
    // Two actions, as the caseworker takes them: each message has its own time, so their order is defined.
    const screening = await deps.store.transaction(async (repos) => {
      const rec = await repos.applications.get(id)
      return changeStatus(deps, repos, caseworker, rec!, 'startScreening', { expectedVersion: rec!.version })
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    await deps.store.transaction(async (repos) => {
      await changeStatus(deps, repos, caseworker, { ...screening, fieldsToFix: ['members.1.idNumber'] }, 'returnToWorker', {
        expectedVersion: screening.version,
        note: '第二位家庭成员的身份证号与户口本不一致，请核对',
      })
    })

    // Home shows the unread messages; the detail page says what to fix.
    await page.goto(`${e2e.app.url}/`)
    await expect(page.locator('[data-entry=messages] [data-badge]').textContent()).resolves.toBe('3')
    await page.goto(`${e2e.app.url}/#/pages/application/index?id=${encodeURIComponent(id)}`)
    await page.locator('[data-returned]').waitFor()
    await expect(page.locator('.application__fix[data-fix="members.1.idNumber"]').textContent()).resolves.toContain('张小军 身份证号')
    await e2e.shot(page, '30-returned-detail')
    await page.locator('.application__fix-button').click()

    // The form opens on the review with the field marked; the worker fixes it and resubmits.
    await atStep(page, 'review')
    await page.locator('.apply-form__returned').waitFor()
    // The union is named on the review though its picker was never opened in this page.
    await expect(page.locator('.apply-form').textContent()).resolves.toContain('弥阳街道总工会')
    await page.locator('.apply-form__fix-item[data-fix="members.1.idNumber"]').click()
    await atStep(page, 'members')
    await page.locator('#field-members-1-idNumber.field--marked').waitFor()
    await page.locator('#field-members-1-idNumber').scrollIntoViewIfNeeded()
    await e2e.shot(page, '31-returned-field-marked')
    await input(page, 'members.1.idNumber').fill('532504196208080050')
    // Opened from the list of fields to fix: the step's button goes straight back to the review.
    await next(page)
    await atStep(page, 'review')
    await expect(page.locator('.apply-form__submit').textContent()).resolves.toContain('重新提交')
    await page.locator('.apply-form__submit').click()
    await page.locator('.application__resubmitted:visible').waitFor()
    await expect(page.locator('.app-status:visible').textContent()).resolves.toContain('已提交')
    await expect(page.locator('.application__resubmitted:visible').textContent()).resolves.toContain('第 2 次提交')
    await expect(page.locator('.timeline:visible').textContent()).resolves.toContain('已修改：家庭成员2身份证号')
    await e2e.shot(page, '32-resubmitted-detail')
    const rec = await deps.store.repos.applications.get(id)
    expect(rec?.submissions?.map((s) => s.changedFields)).toEqual([[], ['members.1.idNumber']])

    // The messages: one for each status, newest first; opening one marks it read.
    await page.goto(`${e2e.app.url}/#/pages/messages/index`)
    await page.locator('[data-message]').first().waitFor()
    const titles = await page.locator('.message__title').allTextContents()
    expect(titles).toEqual([`申请${rec!.number}：已提交`, `申请${rec!.number}：退回修改`, `申请${rec!.number}：初审中`, `申请${rec!.number}：已提交`])
    await e2e.shot(page, '33-messages')
    await context.close()
  })
})

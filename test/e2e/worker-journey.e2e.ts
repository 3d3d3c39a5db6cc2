import type { Locator, Page } from 'playwright-core'
import { HOME_ADDRESS, JPEG, WANG, ZHANG, atStep } from './apply-helpers'
import { startE2E, type E2E } from './harness'
import { pageProblems } from './worker-checks'

/** The example household; the large-text run applies as another family (one open application per person). */
const HOUSEHOLD = ZHANG
const HOUSEHOLD_LARGE = WANG

/** A 375-wide phone, the screen the issue measured on. */
const PHONE_375 = { viewport: { width: 375, height: 812 } }

/** Counts what the worker does: each tap and each field typed into is one. */
class Hands {
  taps = 0
  entries = 0
  constructor(readonly page: Page) {}
  async tap(target: string | Locator): Promise<void> {
    await (typeof target === 'string' ? this.page.locator(target).first() : target).click()
    this.taps++
  }
  async type(path: string, text: string): Promise<void> {
    await this.page.locator(`[data-field="${path}"] input, input[data-field="${path}"], [data-field="${path}"] textarea, textarea[data-field="${path}"]`).first().fill(text)
    this.entries++
  }
  choose = (path: string, code: string) => this.tap(this.page.locator(`[data-field="${path}"] [data-value="${code}"]`).first())
  next = () => this.tap('.apply-form__next')
  get total(): number {
    return this.taps + this.entries
  }
}

describe('the worker journey, as the issue measured it', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()))
  afterAll(() => e2e?.close())

  async function newWorker(largeText: boolean): Promise<Page> {
    const { page } = await e2e.newUser(PHONE_375)
    await page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/')}`)
    await page.click('[data-account=new-worker]')
    await page.locator('[data-entry=apply]').waitFor()
    if (largeText) {
      // The switch is first on the page, named, and its label switches too.
      await page.locator('.large-switch__title').click()
      await page.locator('.home.large-text').waitFor()
    }
    return page
  }

  /** What the pages walked broke of the rules, by page: asserted empty at the end of the walk. */
  let found: string[] = []
  async function check(page: Page, name: string, mode: 'normal' | 'large'): Promise<void> {
    await page.waitForTimeout(150)
    found.push(...(await pageProblems(page, mode)).map((p) => `${name}: ${p}`))
  }

  it.each([
    ['normal', false],
    ['large', true],
  ] as const)('goes from home to a submitted application in at most 60 taps and entries (%s text), every page by the rules', async (mode, large) => {
    found = []
    const family = large ? HOUSEHOLD_LARGE : HOUSEHOLD
    const page = await newWorker(large)
    const shot = (name: string) => e2e.shot(page, `w-${mode}-${name}`)
    await check(page, 'home', mode)
    await shot('01-home')
    const h = new Hands(page)

    await h.tap('[data-entry=apply]')
    await atStep(page, 'consent')
    await check(page, 'consent', mode)
    await shot('02-consent')
    for (const key of ['privacyVersion', 'sensitiveVersion', 'financeCheckVersion']) await h.tap(`[data-consent=${key}]`)
    await h.next()

    await atStep(page, 'applicant')
    await h.type('applicant.name', family.name)
    await h.type('applicant.idNumber', family.idNumber)
    await expect(page.locator('.apply-form').textContent()).resolves.toMatch(/出生日期 \d{4}年\d{1,2}月\d{1,2}日/)
    await h.type('applicant.phone', family.phone)
    for (const [path, code] of [['applicant.health', 'chronic'], ['applicant.disability', 'none'], ['applicant.modelWorker', 'none'], ['applicant.workStatus', 'employed']]) await h.choose(path, code)
    await h.type('applicant.employer', '弥勒市农机厂')
    await h.choose('applicant.employerNature', 'collective')
    await h.tap(page.locator('#field-applicant-unitId [data-value="unit-532504001"]'))
    for (const [path, code] of [['applicant.hukou', 'urban'], ['applicant.housing', 'rented']]) await h.choose(path, code)
    await h.type('applicant.housingArea', '45')
    for (const [path, code] of [['applicant.medicalInsurance', 'employee'], ['applicant.zeroEmploymentFamily', 'no']]) await h.choose(path, code)
    await h.type('applicant.homeAddress', HOME_ADDRESS)
    await h.type('applicant.homePhone', '13698765432')
    await check(page, 'applicant', mode)
    await shot('03-applicant')
    await h.next()

    await atStep(page, 'members')
    for (const [i, m] of family.members.entries()) {
      await h.tap('.member__add')
      await h.type(`members.${i}.name`, m.name)
      await h.choose(`members.${i}.relation`, m.relation)
      await h.type(`members.${i}.idNumber`, m.idNumber)
      await h.choose(`members.${i}.health`, 'healthy')
      await h.type(`members.${i}.occupation`, m.occupation)
      await h.type(`members.${i}.monthlyIncome`, m.income)
    }
    await check(page, 'members', mode)
    await shot('04-members')
    await h.next()

    await atStep(page, 'finances')
    for (const [field, value] of [['householdSize', '3'], ['annualIncome', '36000'], ['applicantMonthlyIncome', '2000'], ['medicalExpenses', '6500'], ['schoolingExpenses', '0'], ['otherRigidExpenses', '0'], ['hardshipCosts', '0']]) {
      await h.type(`finances.${field}`, value)
    }
    await h.choose('finances.accidentOrDisaster', 'no')
    await check(page, 'finances', mode)
    await h.next()

    await atStep(page, 'causes')
    await h.choose('causes.mainCause', 'illness')
    await h.choose('causes.secondaryCauses', 'schooling')
    await h.type('description', '本人患慢性病需长期服药，妻子无业，孩子上学，家庭收入低。')
    await expect(page.locator('[data-field=description] ~ .field__counter, .field__counter').first().textContent()).resolves.toMatch(/^已写 \d+ 字/)
    await check(page, 'causes', mode)
    await shot('05-causes')
    await h.next()

    await atStep(page, 'bank')
    await h.type('bank.bankName', '中国农业银行弥勒支行')
    await h.type('bank.accountName', family.name)
    await h.type('bank.accountNumber', '6228480123456789012')
    await h.next()

    await atStep(page, 'documents')
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), h.tap('[data-upload=id-card]')])
    await chooser.setFiles({ name: 'IMG_20260302_0915.jpg', mimeType: 'image/jpeg', buffer: JPEG })
    await page.locator('[data-kind=id-card] [data-document]').waitFor()
    await check(page, 'documents', mode)
    await h.next()

    await atStep(page, 'review')
    // One money format everywhere: thousands separated, 元 after; a masked account in one piece.
    const review = (await page.locator('.apply-form').textContent()) ?? ''
    expect(review).toContain('36,000 元')
    expect(review).toContain('6,500 元')
    const bank = page.locator('.info-row__value--whole', { hasText: '****' }).first()
    expect((await bank.boundingBox())!.height).toBeLessThan(large ? 60 : 45)
    await check(page, 'review', mode)
    await shot('06-review')
    await h.tap('.apply-form__submit')
    await page.locator('.app-number').waitFor()

    // Counted: the aim is 60 or fewer.
    console.log(`worker journey (${mode}): taps=${h.taps} entries=${h.entries} total=${h.total}`)
    expect(h.total).toBeLessThanOrEqual(60)

    await expect(page.locator('[data-stage=submitted] .stages__date').textContent()).resolves.toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/)
    await check(page, 'application', mode)
    await shot('07-application')

    // Back home, 申请帮扶 again: the application in progress, not a blank form the server would refuse.
    await page.goto(`${e2e.app.url}/`)
    await page.locator('[data-entry=apply]').click()
    await page.locator('[data-in-progress]').waitFor()
    await expect(page.locator('[data-in-progress]').textContent()).resolves.toContain('您已有一份正在办理的申请')
    await expect(page.locator('.apply-form__sync').count()).resolves.toBe(0)
    await check(page, 'in-progress', mode)
    await shot('08-in-progress')

    for (const [route, name] of [['/#/pages/my-applications/index', 'my-applications'], ['/#/pages/messages/index', 'messages'], ['/#/apply/self-check/index', 'self-check']] as const) {
      await page.goto(`${e2e.app.url}${route}`)
      await page.locator('.page').last().waitFor()
      await page.waitForLoadState('networkidle')
      await check(page, name, mode)
      await shot(`09-${name}`)
    }
    expect(found).toEqual([])
  })
})

import type { BrowserContext, Page } from 'playwright-core'
import { createInvitation } from '../../server/usecases/admin/invitations'
import type { Actor } from '../../src/domain'
import { atStep, fillToDocuments, HOME_ADDRESS, input, JPEG, next, photoPng, upload, type Household } from './apply-helpers'
import { startE2E, type E2E } from './harness'

/** A phone held in one hand: the narrow end of what the pages must fit. */
const PHONE = { viewport: { width: 360, height: 740 } }
const DAY_MS = 86_400_000

const LIU: Household = {
  name: '刘德明',
  idNumber: '532504199001011238',
  phone: '13812345678',
  members: [
    { name: '李小红', relation: 'spouse', idNumber: '532504198503150022', occupation: '无业', income: '0' },
    { name: '刘小军', relation: 'child', idNumber: '532504201003030029', occupation: '弥勒一中学生', income: '0' },
  ],
}

/** The visible element: Taro's H5 router keeps the pages below the current one in the DOM, hidden. */
const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`).first()

/** Taro's H5 modal: its confirm button. */
const confirmModal = (page: Page) => page.locator('.taro-model__confirm:visible').click()

/** The caseworker's and reviewer's pages on a 360-wide phone, from the worker's submission to the filed household. */
describe('review of an application', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()))
  afterAll(() => e2e?.close())

  async function signIn(account: 'worker' | 'caseworker' | 'admin'): Promise<{ context: BrowserContext; page: Page }> {
    const user = await e2e.newUser(PHONE)
    await user.page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/')}`)
    await user.page.click(`[data-account=${account}]`)
    await user.page.locator('[data-entry=self-check]').waitFor()
    return user
  }

  /** The worker fills in and submits the whole form; ends on the application's page. */
  async function submitApplication(page: Page, h: Household): Promise<{ id: string; number: string }> {
    await page.locator('[data-entry=apply]').click()
    await fillToDocuments(page, h)
    await upload(page, 'id-card', { name: 'IMG_20260302_0915.jpg', mimeType: 'image/jpeg', buffer: JPEG })
    await page.locator('[data-kind=id-card] [data-document]').waitFor()
    await next(page)
    await atStep(page, 'review')
    await page.locator('.apply-form__submit').click()
    await page.locator('.app-number').waitFor()
    const id = new URL(page.url().replace('#', '')).searchParams.get('id') ?? ''
    const number = (await page.locator('.app-number').textContent()) ?? ''
    return { id, number }
  }

  const caseUrl = (id: string) => `${e2e.app.url}/#/review/case/index?id=${encodeURIComponent(id)}`
  const statusOf = (page: Page) => visible(page, '.case-header').getAttribute('data-status')
  const waitStatus = (page: Page, status: string) => page.locator(`.case-header[data-status=${status}]:visible`).waitFor()

  it('screening, visit, finance check, notice and filing; a stale decision is refused', async () => {
    const worker = await signIn('worker')
    const { id, number } = await submitApplication(worker.page, LIU)
    expect(number).toMatch(/^MLS-\d{4}-\d{6}$/)

    // The caseworker: the workbench on the home page, the queue with the new case.
    const cw = await signIn('caseworker')
    await e2e.shot(cw.page, '60-review-home-caseworker')
    await cw.page.locator('[data-entry=review-queue]').click()
    await visible(cw.page, `.queue-item[data-case="${id}"]`).waitFor()
    await expect(visible(cw.page, '.queue-tab[data-stage=submitted] .queue-tab__count').textContent()).resolves.toBe('1')
    await e2e.shot(cw.page, '61-review-queue')

    // Search by the full name finds it; by a number that does not exist finds nothing.
    await visible(cw.page, '[data-search] input').fill('刘德明')
    await visible(cw.page, '[data-action=search]').click()
    await visible(cw.page, `.queue-item[data-case="${id}"]`).waitFor()
    await visible(cw.page, '[data-search] input').fill('MLS-1999-000001')
    await visible(cw.page, '[data-action=search]').click()
    await visible(cw.page, '.empty-state').waitFor()
    await e2e.shot(cw.page, '62-review-queue-search-empty')
    await visible(cw.page, '.search-box__clear').click()
    await visible(cw.page, `.queue-item[data-case="${id}"]`).click()

    // The case: masked values, one action; a second tab left open on the same case goes stale.
    await waitStatus(cw.page, 'submitted')
    const html = await cw.page.content()
    for (const secret of [LIU.idNumber, LIU.phone, LIU.members[0].idNumber, '6228480123456789012']) expect(html).not.toContain(secret)
    await expect(cw.page.locator('[data-bar]:visible [data-action]').count()).resolves.toBe(1)
    await e2e.shot(cw.page, '63-review-case-submitted')
    const stale = await cw.context.newPage()
    await stale.goto(caseUrl(id))
    await waitStatus(stale, 'submitted')

    // Reveal: a confirmation first, then the full ID number in place of the masked one.
    await visible(cw.page, '[data-reveal="applicant.idNumber"]').click()
    await confirmModal(cw.page)
    await visible(cw.page, '.reveal-row__value--full[data-value="applicant.idNumber"]').waitFor()
    await expect(visible(cw.page, '[data-value="applicant.idNumber"]').textContent()).resolves.toBe(LIU.idNumber)

    // A document opens in the viewer.
    await visible(cw.page, '[data-section=documents] [data-open]').click()
    await visible(cw.page, '[data-viewer]').waitFor()
    await e2e.shot(cw.page, '64-review-document-viewer')
    await visible(cw.page, '[data-viewer]').click()

    await visible(cw.page, '[data-action=startScreening]').click()
    await waitStatus(cw.page, 'screening')

    // The stale tab still offers 开始初审: the server refuses it and the page reloads the case.
    await visible(stale, '[data-action=startScreening]').click()
    await visible(stale, '[data-banner=conflict]').waitFor()
    await expect(visible(stale, '[data-banner=conflict]').textContent()).resolves.toBe('案件已被他人处理，已为您刷新')
    await waitStatus(stale, 'screening')
    await e2e.shot(stale, '65-review-conflict')
    await stale.close()

    // 初审通过 with a note.
    await e2e.shot(cw.page, '66-review-case-screening')
    await visible(cw.page, '[data-action=acceptScreening]').click()
    await visible(cw.page, '[data-form=acceptScreening]').waitFor()
    await input(cw.page, 'note').fill('材料齐全，符合受理条件')
    await e2e.shot(cw.page, '67-review-accept-form')
    await visible(cw.page, '.form-frame__submit').click()
    await waitStatus(cw.page, 'visiting')

    // 入户调查: an empty form shows its messages beside the fields.
    await visible(cw.page, '[data-action=recordVisit]').click()
    await visible(cw.page, '[data-form=recordVisit]').waitFor()
    await expect(input(cw.page, 'staffPresent.0').inputValue()).resolves.toBe('李娟')
    await visible(cw.page, '.form-frame__submit').click()
    await visible(cw.page, '.field-error[data-field=staffPresent]').waitFor()
    await e2e.shot(cw.page, '68-review-visit-errors')
    await input(cw.page, 'staffPresent.1').fill('王芳')
    await input(cw.page, 'place').fill('申请人家中（弥阳街道）')
    const findings = ['三口之家，租住45平方米公房', '无其他救助', '本人慢性病长期服药，孩子上学', '医疗救助和助学', '待建档后评估', '已指定结对干部']
    for (const [i, code] of ['household', 'policies-funds', 'difficulties', 'measures', 'effect', 'pairing'].entries()) await input(cw.page, `findings.${code}`).fill(findings[i])
    const [chooser] = await Promise.all([cw.page.waitForEvent('filechooser'), visible(cw.page, '[data-upload=visit]').click()])
    await chooser.setFiles({ name: 'visit-0315.png', mimeType: 'image/png', buffer: photoPng() })
    await visible(cw.page, '[data-photo]').waitFor()
    await visible(cw.page, '[data-field=authorizationCollected]').click()
    await e2e.shot(cw.page, '69-review-visit-form')
    await visible(cw.page, '.form-frame__submit').click()
    await waitStatus(cw.page, 'verifying')
    await expect(visible(cw.page, '[data-section=visit-photos]').textContent()).resolves.toContain('走访照片（1张）')
    await expect(visible(cw.page, '[data-entry-kind=visit]').textContent()).resolves.toContain('李娟、王芳')
    // Nothing left for the caseworker at 民政核对.
    await expect(cw.page.locator('[data-bar]:visible').count()).resolves.toBe(0)
    await e2e.shot(cw.page, '70-review-case-verifying')
    await visible(cw.page, '[data-section=members]').scrollIntoViewIfNeeded()
    await e2e.shot(cw.page, '70a-review-case-members')
    await visible(cw.page, '[data-section=visit-photos] [data-open]').click()
    await visible(cw.page, '[data-viewer] img').waitFor()
    await expect(visible(cw.page, '[data-viewer] img').evaluate((img) => (img as HTMLImageElement).naturalWidth)).resolves.toBe(96)
    await e2e.shot(cw.page, '70b-review-photo-viewer')
    await visible(cw.page, '[data-viewer]').click()
    await visible(cw.page, '[data-section=history]').scrollIntoViewIfNeeded()
    await e2e.shot(cw.page, '70c-review-case-history')

    // The reviewer (admin + reviewer at the city federation): the finance check and the notice.
    const rv = await signIn('admin')
    await rv.page.locator('[data-entry=review-queue]').click()
    await visible(rv.page, '.queue-tab[data-stage=verifying]').click()
    await visible(rv.page, `.queue-item[data-case="${id}"]`).click()
    await waitStatus(rv.page, 'verifying')
    await visible(rv.page, '[data-action=recordFinanceCheck]').click()
    await visible(rv.page, '[data-form=recordFinanceCheck] [data-value=differs]').click()
    await input(rv.page, 'verified.annualIncomeFen').fill('')
    await visible(rv.page, '.form-frame__submit').click()
    await visible(rv.page, '.field-error[data-field="verified.annualIncomeFen"]').waitFor()
    await input(rv.page, 'verified.annualIncomeFen').fill('18000')
    await input(rv.page, 'note').fill('民政核对年收入18000元')
    await e2e.shot(rv.page, '71-review-finance-form')
    await visible(rv.page, '.form-frame__submit').click()
    await visible(rv.page, '[data-entry-kind=finance]').waitFor()
    await expect(visible(rv.page, '[data-section=proposed]').getAttribute('data-category')).resolves.toBe('deep')
    await e2e.shot(rv.page, '72-review-case-checked')

    // The reviewer switches to large text: the bar's three buttons wrap instead of being cut.
    await rv.page.goto(`${e2e.app.url}/`)
    await rv.page.locator('[data-setting=large-text]').click()
    await rv.page.locator('.home.large-text').waitFor()
    await rv.page.goto(caseUrl(id))
    await visible(rv.page, '.review-case.large-text').waitFor()
    await e2e.shot(rv.page, '72a-review-case-large-text')
    await visible(rv.page, '[data-action=startNotice]').click()
    await confirmModal(rv.page)
    await waitStatus(rv.page, 'publicizing')
    await expect(visible(rv.page, '[data-section=notice]').getAttribute('data-notice')).resolves.toBe('running')
    await e2e.shot(rv.page, '73-review-notice-running')

    // Anyone sees the notice, masked.
    await worker.page.goto(`${e2e.app.url}/`)
    await worker.page.locator('[data-entry=notices]').click()
    await visible(worker.page, '.notice-item').waitFor()
    await expect(visible(worker.page, '.notice-item').textContent()).resolves.toContain('刘*明')
    await e2e.shot(worker.page, '74-notices')

    // The notice period passes (the server's clock moves on); the reviewer files the case.
    e2e.clock.advance(15 * DAY_MS)
    await rv.page.reload()
    await waitStatus(rv.page, 'publicizing')
    await expect(visible(rv.page, '[data-section=notice]').getAttribute('data-notice')).resolves.toBe('ended')
    await visible(rv.page, '[data-action=approveAndFile]').click()
    await visible(rv.page, '[data-form=approveAndFile]').waitFor()
    await expect(visible(rv.page, '[data-field=category] [data-value=deep]').getAttribute('aria-checked')).resolves.toBe('true')
    await e2e.shot(rv.page, '75-review-approve-form')
    await visible(rv.page, '.form-frame__submit').click()
    await waitStatus(rv.page, 'filed')
    await visible(rv.page, '.case-filed').waitFor()
    await expect(visible(rv.page, '.case-filed').getAttribute('data-filed')).resolves.toBe('deep')
    await e2e.shot(rv.page, '76-review-case-filed')
    await visible(rv.page, '[data-section=history]').scrollIntoViewIfNeeded()
    await e2e.shot(rv.page, '76a-review-case-filed-history')
    expect(await statusOf(rv.page)).toBe('filed')

    // The household file the filing made shows the family's address and phone (masked) from the filed form.
    const householdId = (await e2e.app.deps.store.repos.applications.get(id))?.householdId ?? ''
    await rv.page.goto(`${e2e.app.url}/#/households/detail/index?id=${householdId}`)
    const header = visible(rv.page, `.hh-header[data-household="${householdId}"]`)
    await header.waitFor()
    await expect(header.textContent()).resolves.toContain(HOME_ADDRESS)
    await expect(header.textContent()).resolves.toContain('136****5432')
    await expect(rv.page.content()).resolves.not.toContain('13698765432')
    await e2e.shot(rv.page, '76b-review-household-file')

    // The worker: 已建档 in 我的申请, and the message.
    await worker.page.goto(`${e2e.app.url}/#/pages/my-applications/index`)
    await visible(worker.page, `[data-id="${id}"][data-status=filed]`).waitFor()
    await e2e.shot(worker.page, '77-worker-my-applications-filed')
    // Messages go out through the outbox: a moment after the decision.
    let titles = ''
    for (let tries = 0; tries < 20 && !titles.includes('已建档'); tries++) {
      if (tries) await worker.page.waitForTimeout(500)
      await worker.page.goto(`${e2e.app.url}/#/pages/messages/index`)
      await visible(worker.page, '[data-message]').waitFor()
      titles = (await worker.page.locator('.message__title:visible').allTextContents()).join('|')
    }
    expect(titles).toContain(`申请${number}`)
    expect(titles).toContain('已建档')
    await e2e.shot(worker.page, '78-worker-messages-filed')

    for (const u of [worker, cw, rv]) await u.context.close()
  })

  it('binds a new staff member with the invitation code an admin made, then opens the workbench', async () => {
    const admin: Actor = { openid: 'demo-admin', roles: ['worker', 'admin', 'reviewer'], unitId: 'unit-root' }
    const invitation = await createInvitation(e2e.app.deps, admin, { unitId: 'unit-532504001', roles: ['caseworker'], displayName: '王芳' })

    const { page, context } = await e2e.newUser(PHONE)
    await page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/')}`)
    await page.click('[data-account=new-worker]')
    await page.locator('[data-link=redeem]').click()
    await visible(page, '[data-action=redeem]').click()
    await expect(visible(page, '.field-error[data-field=code]').textContent()).resolves.toBe('请输入邀请码')
    await input(page, 'code').fill('ABCD-EFGH-JKMN')
    await visible(page, '[data-action=redeem]').click()
    await visible(page, '.field-error[data-field=code]').waitFor()
    await e2e.shot(page, '79-redeem-wrong-code')

    await input(page, 'code').fill(invitation.code.toLowerCase())
    await visible(page, '[data-action=redeem]').click()
    await visible(page, '[data-redeemed]').waitFor()
    await expect(visible(page, '[data-unit]').textContent()).resolves.toBe(invitation.unitName)
    await visible(page, '[data-role=caseworker]').waitFor()
    await e2e.shot(page, '80-redeem-done')
    await visible(page, '[data-action=open-queue]').click()
    await visible(page, '.queue-tabs').waitFor()
    await context.close()
  })
})

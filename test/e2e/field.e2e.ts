import { atStep, fillToDocuments, JPEG, next, upload, type Household } from './apply-helpers'
import { startE2E, type E2E } from './harness'
import { PHONE, visible } from './page-helpers'

/** A 59-year-old from the closed farm machinery factory, without a smartphone of his own. */
const WANG: Household = {
  name: '王德福',
  idNumber: '11010519491231002X',
  phone: '13987654321',
  members: [{ name: '赵桂兰', relation: 'spouse', idNumber: '532504196007070032', occupation: '无业', income: '0' }],
}

/**
 * 代为申请 in the browser: the caseworker types an application for a worker from the queue, with
 * the signed authorisation; the case names who typed it, logs a call and hands out a take-over
 * code; the worker, later on their own phone, takes the case into their own account.
 */
describe('a caseworker applies on a worker’s behalf', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()))
  afterAll(() => e2e?.close())

  async function signIn(account: 'caseworker' | 'new-worker') {
    const user = await e2e.newUser(PHONE)
    await user.page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/')}`)
    await user.page.click(`[data-account=${account}]`)
    await user.page.locator('[data-entry=self-check]').waitFor()
    return user
  }

  it('types it with the authorisation, logs a call, and the worker takes it over with the code', async () => {
    const cw = await signIn('caseworker')
    await cw.page.goto(`${e2e.app.url}/#/review/queue/index`)
    await visible(cw.page, '[data-action=start-assisted]').click()
    await cw.page.locator('[data-assisted]').waitFor()
    await e2e.shot(cw.page, '90-assisted-form')
    await fillToDocuments(cw.page, WANG)
    // Without the signed authorisation the server refuses; the kind is offered as a suggested one.
    await visible(cw.page, '[data-kind=authorisation] .documents__suggested').waitFor()
    // Left half-done, the draft waits in the queue's 我代填的申请 and opens where it was left.
    await cw.page.goto(`${e2e.app.url}/#/review/queue/index`)
    const draft = visible(cw.page, '[data-assisted-draft]')
    await expect(draft.textContent()).resolves.toContain('王*福')
    await expect(draft.getAttribute('role')).resolves.toBe('button')
    await expect(cw.page.locator('[data-assisted-draft]').count()).resolves.toBe(1)
    await e2e.shot(cw.page, '90b-assisted-drafts')
    await draft.click()
    await visible(cw.page, '[data-kind=authorisation] .documents__suggested').waitFor()
    await upload(cw.page, 'authorisation', { name: '授权书.jpg', mimeType: 'image/jpeg', buffer: JPEG })
    await cw.page.locator('[data-kind=authorisation] [data-document]').waitFor()
    await e2e.shot(cw.page, '91-assisted-authorisation')
    await next(cw.page)
    await atStep(cw.page, 'review')
    await cw.page.locator('.apply-form__submit').click()

    // The case page: who typed it.
    await visible(cw.page, '.case-header[data-status=submitted]').waitFor()
    await expect(visible(cw.page, '[data-typed-by=caseworker]').textContent()).resolves.toBe('工作人员李娟代为申请')
    const number = (await visible(cw.page, '.case-header__number').textContent()) ?? ''

    // A call logged on the case shows in its history.
    await visible(cw.page, '[data-action=log-call]').click()
    await visible(cw.page, '[data-field=outcome] [data-value=reached]').click()
    await visible(cw.page, '[data-form=call] textarea').fill('已电话告知材料收到')
    await visible(cw.page, '[data-action=save-call]').click()
    await visible(cw.page, '[data-action=log-call]').waitFor()
    await expect(cw.page.getByText('结果：已接通并告知').first().isVisible()).resolves.toBe(true)

    // A code written on the wrong paper is withdrawn, and a new one issued.
    await visible(cw.page, '[data-action=issue-takeover]').click()
    const lost = (await visible(cw.page, '[data-takeover-code]').getAttribute('data-takeover-code')) ?? ''
    await visible(cw.page, '[data-action=revoke-takeover]').click()
    await cw.page.locator('.taro-model__confirm:visible').click()
    await visible(cw.page, '[data-action=issue-takeover]').click()
    await expect(visible(cw.page, '[data-takeover-code]').getAttribute('data-takeover-code')).resolves.not.toBe(lost)
    const code = (await visible(cw.page, '[data-takeover-code]').getAttribute('data-takeover-code')) ?? ''
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    await e2e.shot(cw.page, '92-assisted-case-takeover-code')

    // The worker, on their own phone: 我的申请, the code from the paper.
    const worker = await signIn('new-worker')
    await worker.page.goto(`${e2e.app.url}/#/pages/my-applications/index`)
    await visible(worker.page, '[data-action=open-take-over]').click()
    // The withdrawn code no longer works.
    await visible(worker.page, '[data-card=take-over] input').fill(lost)
    await visible(worker.page, '[data-action=take-over]').click()
    await expect(visible(worker.page, '.field-error[data-field=code]').textContent()).resolves.toContain('认领码不正确')
    await visible(worker.page, '[data-card=take-over] input').fill('ABCD-EFGH-JKMN')
    await visible(worker.page, '[data-action=take-over]').click()
    await expect(visible(worker.page, '.field-error[data-field=code]').textContent()).resolves.toContain('认领码不正确')
    await visible(worker.page, '[data-card=take-over] input').fill(code.toLowerCase())
    await e2e.shot(worker.page, '93-take-over-code')
    await visible(worker.page, '[data-action=take-over]').click()
    await visible(worker.page, '.app-number').waitFor()
    await expect(visible(worker.page, '.app-number').textContent()).resolves.toBe(number)
    await e2e.shot(worker.page, '94-taken-over-application')

    // The caseworker's case now says the worker took it over; no second code is offered.
    await cw.page.reload()
    await expect(visible(cw.page, '[data-typed-by=caseworker]').textContent()).resolves.toBe('工作人员李娟代为申请，职工已本人接管')
    await expect(cw.page.locator('[data-action=issue-takeover]:visible').count()).resolves.toBe(0)
    await cw.page.goto(`${e2e.app.url}/#/review/calls/index`)
    await visible(cw.page, '.calls').waitFor()
    await e2e.shot(cw.page, '95-calls')
  })
})

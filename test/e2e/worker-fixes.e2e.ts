import type { Page } from 'playwright-core'
import type { Actor } from '../../src/domain'
import { changeStatus } from '../../server/usecases/shared/status-change'
import { agree, atStep, fillApplicant, fillCausesAndBank, fillFinances, fillMembers, input, JPEG, next, upload, applicationIdOf, ZHANG, type Household } from './apply-helpers'
import { startE2E, type E2E } from './harness'
import { pageProblems } from './worker-checks'

/** The example household under another ID number (as apply-journey's fourth worker). */
const ZHAO: Household = { ...ZHANG, idNumber: '532504197512120015', name: '赵建国', members: [ZHANG.members[0], { ...ZHANG.members[1], idNumber: '532504200501010018' }] }

/** Each fix of the list for workers, asserted in the browser (large-text screenshots looked at). */
describe('what a worker stumbled on, fixed', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()))
  afterAll(() => e2e?.close())

  async function newWorker(): Promise<Page> {
    const { page } = await e2e.newUser({ viewport: { width: 375, height: 812 } })
    await page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/')}`)
    await page.click('[data-account=new-worker]')
    await page.locator('[data-entry=apply]').waitFor()
    await page.locator('[data-setting=large-text]').click()
    await page.locator('.home.large-text').waitFor()
    return page
  }

  it('fills and fixes the form: member undo, a counter, a refused file, 修改 straight back, a return ticked off', async () => {
    const page = await newWorker()
    await page.locator('[data-entry=apply]').click()
    // No raw version code on the consent.
    await atStep(page, 'consent')
    await expect(page.locator('.consent__version').first().textContent()).resolves.toMatch(/^\d{4}年\d{1,2}月版$/)
    await agree(page)
    await fillApplicant(page, ZHAO)
    await next(page)
    await atStep(page, 'members')
    await fillMembers(page, ZHAO)

    // Deleting a member: gone at once, 撤销 right where it was brings them back with what was typed.
    await page.locator('[data-member="0"] .member__remove').click()
    await page.locator('[data-undo]').waitFor()
    await expect(page.locator('[data-undo]').textContent()).resolves.toContain('已删除李小红')
    await expect(page.locator('[data-member]').count()).resolves.toBe(1)
    await e2e.shot(page, 'wf-01-member-undo')
    await page.locator('.undo-bar__undo').click()
    await expect(page.locator('[data-member]').count()).resolves.toBe(2)
    await expect(input(page, 'members.0.name').inputValue()).resolves.toBe('李小红')
    await next(page)

    await fillFinances(page)

    // The description: large text in a padded box, and a counter of the 10–500 字 it needs.
    await atStep(page, 'causes')
    await input(page, 'description').fill('家里困难')
    await expect(page.locator('.field__counter').textContent()).resolves.toBe('已写 4 字，还需至少 6 字（10–500 字）')
    const box = await page.locator('[data-field=description] textarea, textarea[data-field=description]').first().evaluate((el) => ({ font: parseFloat(getComputedStyle(el).fontSize), pad: parseFloat(getComputedStyle(el.closest('.field__input') ?? el).paddingLeft) }))
    expect(box.font).toBeGreaterThanOrEqual(18)
    expect(box.pad).toBeGreaterThanOrEqual(8)
    await fillCausesAndBank(page, ZHAO)

    // A refused file: the message on its own line under the name, no 重试 (the same file cannot pass), 移除.
    await upload(page, 'id-card', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a picture') })
    const refused = page.locator('[data-kind=id-card] .documents__file--pending')
    await refused.locator('[data-refused=true]').waitFor()
    await expect(refused.locator('.documents__retry').count()).resolves.toBe(0)
    const name = await refused.locator('.documents__name').boundingBox()
    expect(name!.width).toBeGreaterThan(200)
    await e2e.shot(page, 'wf-02-refused-upload')
    await refused.locator('.documents__remove').click()
    await expect(refused.count()).resolves.toBe(0)
    await upload(page, 'id-card', { name: 'IMG_20260302_0915.jpg', mimeType: 'image/jpeg', buffer: JPEG })
    await page.locator('[data-kind=id-card] [data-document]').waitFor()
    await next(page)

    // 修改 from the review: one tap back.
    await atStep(page, 'review')
    await page.locator('[data-edit=finances]').click()
    await atStep(page, 'finances')
    await expect(page.locator('.apply-form__next').textContent()).resolves.toBe('改好了，回到核对')
    await next(page)
    await atStep(page, 'review')
    await page.locator('.apply-form__submit').click()
    await page.locator('.app-number').waitFor()
    const id = applicationIdOf(page)

    // Returned with a note ending in 。 and two fields to fix.
    const caseworker: Actor = { openid: 'demo-caseworker', roles: ['worker', 'caseworker'], unitId: 'unit-532504001' }
    const { deps } = e2e.app
    const screening = await deps.store.transaction(async (repos) => {
      const rec = await repos.applications.get(id)
      return changeStatus(deps, repos, caseworker, rec!, 'startScreening', { expectedVersion: rec!.version })
    })
    await new Promise((resolve) => setTimeout(resolve, 20))
    await deps.store.transaction(async (repos) => {
      await changeStatus(deps, repos, caseworker, { ...screening, fieldsToFix: ['members.1.idNumber', 'documents'] }, 'returnToWorker', {
        expectedVersion: screening.version,
        note: '第二位家庭成员的身份证号与户口本不一致，请核对。',
      })
    })

    await page.goto(`${e2e.app.url}/#/pages/application/index?id=${encodeURIComponent(id)}`)
    await page.locator('[data-returned]').waitFor()
    // The member by name, the documents in words; the stages: 初审 not ticked, 退回修改 right after it.
    await expect(page.locator('.application__fix[data-fix="members.1.idNumber"]').textContent()).resolves.toContain('张小军 身份证号')
    await expect(page.locator('.application__fix[data-fix=documents]').textContent()).resolves.toContain('证明材料')
    const stages = await page.locator('.stages__item').evaluateAll((els) => els.map((e) => `${(e as HTMLElement).dataset.stage}:${(e as HTMLElement).dataset.state}`))
    expect(stages.slice(0, 3)).toEqual(['submitted:done', 'screening:current', 'returned:closed'])
    expect(stages.at(-1)).toBe('filed:todo')
    expect(await pageProblems(page, 'large')).toEqual([])
    await e2e.shot(page, 'wf-03-returned')

    // The messages: no 。。
    await page.goto(`${e2e.app.url}/#/pages/messages/index`)
    await page.locator('[data-message]').first().waitFor()
    const bodies = (await page.locator('.message__body').allTextContents()).join('\n')
    expect(bodies).toContain('说明：第二位家庭成员的身份证号与户口本不一致，请核对。请按提示修改')
    expect(bodies).not.toContain('。。')

    // The form: the banner ticks off what was changed.
    await page.goto(`${e2e.app.url}/#/pages/application/index?id=${encodeURIComponent(id)}`)
    await page.locator('.application__fix-button').click()
    await page.locator('.apply-form__returned').waitFor()
    await expect(page.locator('.apply-form__fix-item[data-done=true]').count()).resolves.toBe(0)
    await page.locator('.apply-form__fix-item[data-fix="members.1.idNumber"]').click()
    await atStep(page, 'members')
    await input(page, 'members.1.idNumber').fill('532504196208080050')
    await page.locator('.apply-form__fix-item[data-fix="members.1.idNumber"][data-done=true]').waitFor()
    await expect(page.locator('.apply-form__fix-list').textContent()).resolves.toContain('已改 1 项，共 2 项')
    await e2e.shot(page, 'wf-04-fix-banner')
    // Straight back to the review and resubmitted.
    await next(page)
    await atStep(page, 'review')
    await page.locator('.apply-form__submit').click()
    await page.locator('.application__resubmitted:visible').waitFor()
  })

  it('self-check: the first question first, the 低保 line per person and month', async () => {
    const page = await newWorker()
    await page.locator('[data-entry=self-check]').click()
    await page.locator('.self-check__run').waitFor()
    const order = await page.evaluate(() => {
      const top = (sel: string) => document.querySelector(sel)!.getBoundingClientRect().top
      return { household: top('#field-householdSize'), union: top('#field-unitId') }
    })
    expect(order.household).toBeLessThan(order.union)
    await page.locator('#field-unitId [data-value=unit-532504001]').click()
    await input(page, 'householdSize').fill('4')
    await input(page, 'annualIncome').fill('30000')
    await page.locator('.self-check__run').click()
    await page.locator('.self-check__result').waitFor()
    await expect(page.locator('.self-check__figure').textContent()).resolves.toMatch(/当地低保标准 [\d,]+ 元\/人\/月/)
    expect(await pageProblems(page, 'large')).toEqual([])
    await e2e.shot(page, 'wf-05-self-check')
  })

  it('the browser overview map: tappable dots apart from each other, the place said after locating', async () => {
    const { context, page } = await e2e.newUser({ viewport: { width: 375, height: 812 }, geolocation: { longitude: 103.41, latitude: 24.41 }, permissions: ['geolocation'] })
    await page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/')}`)
    await page.click('[data-account=new-worker]')
    await page.locator('[data-setting=large-text]').click()
    await page.locator('[data-entry=stations]').click()
    await page.locator('[data-dot]').first().waitFor()
    await expect(page.locator('.where__picker-value').textContent()).resolves.toBe('我的位置')
    const dots = await page.locator('[data-dot]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width, h: r.height })))
    expect(dots.length).toBeGreaterThan(1)
    for (const [i, a] of dots.entries()) {
      expect(Math.min(a.w, a.h)).toBeGreaterThanOrEqual(59.5)
      for (const b of dots.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(59)
    }
    expect(await pageProblems(page, 'large')).toEqual([])
    await e2e.shot(page, 'wf-06-stations-map')
    const first = page.locator('[data-dot]').first()
    const id = await first.getAttribute('data-dot')
    await first.click()
    await page.waitForURL(new RegExp(`id=${id}`))
    await page.locator('.page.station.large-text .station__name').waitFor()
    await page.waitForLoadState('networkidle')
    expect(await pageProblems(page, 'large')).toEqual([])
    await e2e.shot(page, 'wf-07-station')
    await context.close()
  })
})

import type { Page } from 'playwright-core'
import { startE2E, type E2E } from './harness'
import { choose, field, signInStaff, toastGone, visible } from './page-helpers'

/** Brings a section to the top of the screen for the next screenshot. */
const toTop = (page: Page, selector: string) => visible(page, selector).evaluate((el) => el.scrollIntoView({ block: 'start' }))

/** Waits for the toast the last tap shows to go again, so the screenshot shows the page under it. */
async function afterToast(page: Page): Promise<void> {
  // The wrapper has no box of its own (its content is fixed in place): look for what is shown inside it.
  const toast = page.locator('.taro__toast *:visible').first()
  await toast.waitFor({ state: 'visible' })
  await toast.waitFor({ state: 'hidden' })
}

/** The household file's approved total, in fen. */
const total = async (page: Page) => Number(await visible(page, '[data-totals] [data-total]').getAttribute('data-total'))

/** The count on the home page's 资金审批 tile (0 when it shows none). */
async function badge(page: Page): Promise<number> {
  await visible(page, '[data-entry=pending-ledger]').waitFor()
  // The count arrives after the roles: give it the time of one request.
  await page.waitForTimeout(500)
  const b = page.locator('[data-entry=pending-ledger] [data-badge]:visible')
  return (await b.count()) === 0 ? 0 : Number(await b.first().getAttribute('data-badge'))
}

/** Words under 18 px and targets under 60x60 px on the page under `root` (large-text mode's rules). */
function largeTextProblems(page: Page, root: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const out: string[] = []
    for (const el of Array.from(document.querySelector(selector)!.querySelectorAll<HTMLElement>('*'))) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || box.height === 0) continue
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '')
      const size = parseFloat(getComputedStyle(el).fontSize)
      if (own && size < 18) out.push(`text ${size}px: ${el.textContent!.trim().slice(0, 12)}`)
      if (el.matches('button, [role=button], [role=radio], [role=checkbox], .btn') && (box.width < 60 || box.height < 60)) {
        out.push(`target ${Math.round(box.width)}x${Math.round(box.height)}: ${el.textContent!.trim()}`)
      }
    }
    return out
  }, root)
}

const PAID_FEN = 200_000
const OWN_FEN = 123_400

/**
 * Four eyes on money, as the people would use it on a 360-wide phone: a caseworker records a
 * payment, which waits; the reviewer's home page counts it; he approves it from the pending list
 * and only then does the household's total change. A payment he records himself waits for someone
 * else: his list marks it as his own with nothing to tap, and the server refuses it if he tries.
 * A reversal goes the same way.
 */
describe('ledger approvals', () => {
  let e2e: E2E
  beforeAll(async () => (e2e = await startE2E()), 180_000)
  afterAll(() => e2e?.close())

  const signIn = (account: 'caseworker' | 'admin') => signInStaff(e2e, account)

  async function recordPayment(page: Page, yuan: string, source: string): Promise<void> {
    await visible(page, '[data-action=recordPayment]').click()
    await visible(page, '[data-form=recordPayment]').waitFor()
    await field(page, 'amountFen').fill(yuan)
    await choose(page, 'fundSource', source)
    await visible(page, '[data-form=recordPayment] [data-action=submit]').click()
    await page.locator('[data-form=recordPayment]').waitFor({ state: 'detached' })
    await toastGone(page, '发放已登记')
  }

  it('a payment counts once another reviewer approves it; nobody approves their own', async () => {
    const cw = await signIn('caseworker')
    const admin = await signIn('admin')
    const countBefore = await badge(admin.page)

    // The caseworker records 2,000 yuan for a household: it waits, and the total stays.
    await cw.page.locator('[data-entry=households]').click()
    const row = visible(cw.page, '.hh-list [data-household]')
    const householdId = (await row.getAttribute('data-household'))!
    await row.click()
    await visible(cw.page, `.hh-header[data-household="${householdId}"]`).waitFor()
    const before = await total(cw.page)
    await recordPayment(cw.page, '2000', 'provincial')
    const pendingLine = `[data-line][data-status=pending]:has([data-amount="${PAID_FEN}"])`
    await visible(cw.page, `${pendingLine} [data-tag=pending]`).waitFor()
    expect(await total(cw.page)).toBe(before)
    await toTop(cw.page, '[data-section=ledger]')
    await e2e.shot(cw.page, 'ledger-01-caseworker-payment-pending')

    // The reviewer's home page counts it.
    await admin.page.reload()
    expect(await badge(admin.page)).toBe(countBefore + 1)
    await e2e.shot(admin.page, 'ledger-02-reviewer-home-count')

    // He records one himself on the same household: it waits for someone else, and is not counted for him.
    await admin.page.goto(`${e2e.app.url}/#/households/detail/index?id=${encodeURIComponent(householdId)}`)
    await visible(admin.page, `.hh-header[data-household="${householdId}"]`).waitFor()
    await recordPayment(admin.page, '1234', 'union')
    await admin.page.goto(`${e2e.app.url}/`)
    expect(await badge(admin.page)).toBe(countBefore + 1)

    // The pending list: the caseworker's entry with 审批通过 and 驳回, his own marked and without them.
    await visible(admin.page, '[data-entry=pending-ledger]').click()
    const theirs = `[data-entry][data-mine=false]:has([data-amount="${PAID_FEN}"])`
    const own = `[data-entry][data-mine=true]:has([data-amount="${OWN_FEN}"])`
    await visible(admin.page, `${theirs} [data-action=approve]`).waitFor()
    await visible(admin.page, `${own} [data-tag=mine]`).waitFor()
    expect(await admin.page.locator(`${own} [data-action=approve]:visible, ${own} [data-action=reject]:visible`).count()).toBe(0)
    await e2e.shot(admin.page, 'ledger-03-pending-list')

    // Asked directly, the server refuses his own entry too.
    const ownId = (await visible(admin.page, own).getAttribute('data-entry'))!
    const refused = await admin.page.evaluate(async (entryId) => {
      const res = await fetch('/api/households', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'decideLedgerEntry', input: { entryId, decision: 'approved' } }) })
      return res.json()
    }, ownId)
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '不能审批自己登记的记录，请由另一位审核人员审批' } })

    // A rejection needs its reason, beside the field.
    await visible(admin.page, `${theirs} [data-action=reject]`).click()
    await visible(admin.page, `${theirs} [data-form=reject] [data-action=submit]`).click()
    await visible(admin.page, `${theirs} .field-error[data-field=note]`).waitFor()
    await afterToast(admin.page)
    await e2e.shot(admin.page, 'ledger-04-reject-needs-reason')
    await visible(admin.page, `${theirs} [data-form=reject] [data-action=cancel]`).click()

    // He approves the caseworker's payment: it leaves the list.
    await visible(admin.page, `${theirs} [data-action=approve]`).click()
    await admin.page.locator(`${theirs}:visible`).waitFor({ state: 'detached' })
    await toastGone(admin.page, '已审批通过')
    await visible(admin.page, own).waitFor()
    await e2e.shot(admin.page, 'ledger-05-pending-after-approval')
    await admin.page.goto(`${e2e.app.url}/`)
    expect(await badge(admin.page)).toBe(countBefore)

    // Only now does the household's total change; his own 1,234 yuan still waits.
    await cw.page.reload()
    await visible(cw.page, `.hh-header[data-household="${householdId}"]`).waitFor()
    await visible(cw.page, `[data-line][data-status=approved]:has([data-amount="${PAID_FEN}"])`).waitFor()
    expect(await total(cw.page)).toBe(before + PAID_FEN)
    await visible(cw.page, `[data-line][data-status=pending]:has([data-amount="${OWN_FEN}"])`).waitFor()
    // Who approved it is in the entry's detail, which a tap on its line opens.
    await visible(cw.page, `[data-line][data-status=approved]:has([data-amount="${PAID_FEN}"]) [data-entry-toggle]`).click()
    await expect(visible(cw.page, `[data-line]:has([data-amount="${PAID_FEN}"]) [data-entry-detail]`).textContent()).resolves.toContain('审批 赵强')
    await toTop(cw.page, '[data-section=ledger]')
    await e2e.shot(cw.page, 'ledger-06-caseworker-total-after-approval')

    // A reversal of the approved payment waits the same way; approved, the total is as before.
    await visible(cw.page, `[data-line][data-status=approved]:has([data-amount="${PAID_FEN}"]) [data-action=reversePayment]`).click()
    await field(cw.page, 'reason').fill('重复发放，应冲正')
    await visible(cw.page, '[data-form=reversePayment] [data-action=submit]').click()
    await cw.page.locator('.taro-model__confirm:visible').click()
    await visible(cw.page, `[data-line][data-kind=reversal][data-status=pending]:has([data-amount="-${PAID_FEN}"])`).waitFor()
    expect(await total(cw.page)).toBe(before + PAID_FEN)
    await admin.page.goto(`${e2e.app.url}/#/households/pending/index`)
    await visible(admin.page, `[data-entry][data-kind=reversal]:has([data-amount="-${PAID_FEN}"]) [data-action=approve]`).click()
    await admin.page.locator(`[data-entry][data-kind=reversal]:visible`).waitFor({ state: 'detached' })
    await cw.page.reload()
    await visible(cw.page, `[data-line][data-reversed=true]:has([data-amount="${PAID_FEN}"])`).waitFor()
    expect(await total(cw.page)).toBe(before)

    // In large text the pending list keeps every word at 18 px or more and every button at least 60 px square.
    await recordPayment(cw.page, '300', 'county')
    await admin.page.goto(`${e2e.app.url}/`)
    await admin.page.locator('[data-setting=large-text]').click()
    await admin.page.locator('.home.large-text').waitFor()
    await admin.page.goto(`${e2e.app.url}/#/households/pending/index`)
    await visible(admin.page, '.hh-pending-page.large-text [data-entry] [data-action=approve]').waitFor()
    await e2e.shot(admin.page, 'ledger-07-pending-large-text')
    const problems = await largeTextProblems(admin.page, '.hh-pending-page.large-text')
    expect(problems).toEqual([])
    await expect(admin.page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360)
    await cw.context.close()
    await admin.context.close()
  })

  it('an admin sets a township’s budget; a payment over what is left is refused beside its amount', async () => {
    const admin = await signIn('admin')
    await visible(admin.page, '[data-entry=budgets]').click()
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear()
    await visible(admin.page, `[data-budget-unit=unit-root] [data-source=central][data-amount="50000000"]`).waitFor()
    const town = '[data-budget-unit=unit-532504001]'
    await visible(admin.page, `${town} [data-source=central] [data-action=set-budget]`).click()
    await field(admin.page, 'amountFen').fill('5000')
    await e2e.shot(admin.page, 'ledger-08-budget-form')
    await visible(admin.page, `${town} [data-form=setBudget] [data-action=submit]`).click()
    await visible(admin.page, `${town} [data-source=central][data-amount="500000"][data-left="500000"]`).waitFor()
    await afterToast(admin.page)
    await e2e.shot(admin.page, 'ledger-09-budgets')
    expect(await admin.page.locator(`[data-year="${year}"][aria-checked=true]:visible`).count()).toBe(1)

    // The caseworker of that township: 6,000 yuan is more than its budget holds.
    const cw = await signIn('caseworker')
    await cw.page.locator('[data-entry=households]').click()
    await visible(cw.page, '.hh-list [data-household]').click()
    await visible(cw.page, '.hh-header').waitFor()
    await visible(cw.page, '[data-action=recordPayment]').click()
    await field(cw.page, 'amountFen').fill('6000')
    await choose(cw.page, 'fundSource', 'central')
    await visible(cw.page, '[data-form=recordPayment] [data-action=submit]').click()
    await visible(cw.page, '.field-error[data-field=amountFen]').waitFor()
    await expect(visible(cw.page, '.field-error[data-field=amountFen]').textContent()).resolves.toContain('超出预算')
    await afterToast(cw.page)
    await toTop(cw.page, '[data-form=recordPayment]')
    await e2e.shot(cw.page, 'ledger-10-payment-over-budget')

    // In large text, the budgets page too.
    await admin.page.goto(`${e2e.app.url}/`)
    await admin.page.locator('[data-setting=large-text]').click()
    await admin.page.locator('.home.large-text').waitFor()
    await admin.page.goto(`${e2e.app.url}/#/households/budgets/index`)
    await visible(admin.page, '.hh-budgets.large-text [data-budget-unit=unit-root]').waitFor()
    await e2e.shot(admin.page, 'ledger-11-budgets-large-text')
    expect(await largeTextProblems(admin.page, '.hh-budgets.large-text')).toEqual([])
    await expect(admin.page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360)
    await cw.context.close()
    await admin.context.close()
  })
})

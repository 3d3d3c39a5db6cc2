import type { BrowserContext, Page } from 'playwright-core'
import type { E2E } from './harness'

/** The visible element: Taro's H5 router keeps the pages below the current one in the DOM, hidden. */
export const visible = (page: Page, selector: string) => page.locator(`${selector}:visible`).first()

/** The text input or textarea of a form field, by its input name. */
export const field = (page: Page, name: string) =>
  page.locator(`[data-field="${name}"] input:visible, [data-field="${name}"] textarea:visible, textarea[data-field="${name}"]:visible`).first()

/** Taps a choice of a chip or option field. */
export const choose = (page: Page, name: string, code: string) => visible(page, `[data-field="${name}"] [data-value="${code}"]`).click()

/** Waits until a toast is gone, so the screenshot shows the page under it. */
export const toastGone = (page: Page, text: string) => page.getByText(text, { exact: true }).waitFor({ state: 'hidden' })

/** Scrolls a section into view for the next screenshot. */
export const scrollTo = (page: Page, selector: string) => visible(page, selector).scrollIntoViewIfNeeded()

/** A phone held in one hand: the narrow end of what the pages must fit. */
export const PHONE = { viewport: { width: 360, height: 740 } }

/** A new user on a phone, signed in with a demo staff account, on the home page once its staff entries show. */
export async function signInStaff(e2e: E2E, account: 'caseworker' | 'admin'): Promise<{ context: BrowserContext; page: Page }> {
  const user = await e2e.newUser(PHONE)
  await user.page.goto(`${e2e.app.url}/demo-login?next=${encodeURIComponent('/')}`)
  await user.page.click(`[data-account=${account}]`)
  await user.page.locator('[data-entry=households]').waitFor()
  return user
}

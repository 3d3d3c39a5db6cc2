/** Roles of drawn controls that a key press should press, as a native button would be. */
const PRESSABLE = new Set(['button', 'link', 'switch', 'checkbox', 'radio', 'tab'])

/** Taro's H5 button is a custom element with no role and no tab stop: give it both (its text names it). */
function markButtons(root: ParentNode): void {
  root.querySelectorAll('taro-button-core:not([role])').forEach((el) => {
    el.setAttribute('role', 'button')
    el.setAttribute('tabindex', '0')
  })
  root.querySelectorAll('taro-button-core[role]').forEach((el) => {
    // Taro writes disabled="false" on every button: only a value other than false disables it.
    const disabled = el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false'
    if (disabled) el.setAttribute('aria-disabled', 'true')
    else el.removeAttribute('aria-disabled')
  })
}

/**
 * The browser build for screen readers and keyboards: every Taro button becomes a button in the
 * accessibility tree, and Enter or Space presses any drawn control (a view with a role).
 */
export function enableAccessibility(): void {
  if (typeof document === 'undefined') return
  document.addEventListener('keydown', (e) => {
    const el = e.target as HTMLElement | null
    if (!el || (e.key !== 'Enter' && e.key !== ' ')) return
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return
    if (!PRESSABLE.has(el.getAttribute('role') ?? '')) return
    e.preventDefault()
    el.click()
  })
  const start = () => {
    markButtons(document)
    new MutationObserver(() => markButtons(document)).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] })
  }
  if (document.body) start()
  else document.addEventListener('DOMContentLoaded', start)
}

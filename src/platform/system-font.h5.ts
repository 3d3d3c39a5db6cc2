/**
 * In a browser, the person's text size shows as the default font size of the document before the
 * app sets its own (16 px as shipped). Read once from a probe outside the app's styles.
 */
export function systemTextEnlarged(): boolean {
  if (typeof document === 'undefined' || !document.body) return false
  const probe = document.createElement('div')
  probe.style.cssText = 'all:initial;position:absolute;visibility:hidden'
  document.body.appendChild(probe)
  const px = parseFloat(getComputedStyle(probe).fontSize)
  probe.remove()
  return px > 16
}

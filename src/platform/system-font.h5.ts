/** The probe's answer: the text size does not change while the page is open (only on a reload). */
let enlarged: boolean | undefined

/**
 * In a browser, the person's text size shows as the default font size of the document before the
 * app sets its own (16 px as shipped). Read once from a probe outside the app's styles: reading it
 * makes the browser compute styles and layout, which every page's first render would pay again.
 */
export function systemTextEnlarged(): boolean {
  if (enlarged !== undefined) return enlarged
  if (typeof document === 'undefined' || !document.body) return false
  const probe = document.createElement('div')
  probe.style.cssText = 'all:initial;position:absolute;visibility:hidden'
  document.body.appendChild(probe)
  enlarged = parseFloat(getComputedStyle(probe).fontSize) > 16
  probe.remove()
  return enlarged
}

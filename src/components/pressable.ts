/** The roles a drawn (non-native) control takes. */
export type PressableRole = 'button' | 'link' | 'switch' | 'checkbox' | 'radio' | 'tab'

/**
 * What makes a drawn view a control for screen readers and keyboards: its role, its name (when
 * its text alone does not say it) and a stop in the tab order. Enter and Space press it in the
 * browser (see `platform/keyboard`).
 */
export function pressable(name?: string, role: PressableRole = 'button') {
  return { role, tabIndex: 0, ...(name ? { 'aria-label': name } : {}) }
}

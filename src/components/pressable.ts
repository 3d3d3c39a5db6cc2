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

/** The roles of a view that holds or pictures content rather than being pressed. */
export type ContainerRole = 'radiogroup' | 'group' | 'tablist' | 'status' | 'progressbar' | 'img'

/**
 * A container's role and name for screen readers (a group of chips, the tabs, the step progress, a
 * chart): `role` in the browser, WeChat's `aria-role` in the mini-program (see pressable.weapp.ts).
 */
export function containerRole(role: ContainerRole, name?: string) {
  return { role, ...(name ? { 'aria-label': name } : {}) }
}

import type { ContainerRole, PressableRole } from './pressable'

/**
 * What makes a drawn view a control for WeChat's screen reader (读屏): its role as `aria-role` and its
 * name as `aria-label` (when its text alone does not say it), WeChat's names for them.
 */
export function pressable(name?: string, role: PressableRole = 'button') {
  return { 'aria-role': role, ...(name ? { 'aria-label': name } : {}) }
}

/** A container's role and name for WeChat's screen reader: `aria-role`, as `role` is not bound in the mini-program. */
export function containerRole(role: ContainerRole, name?: string) {
  return { 'aria-role': role, ...(name ? { 'aria-label': name } : {}) }
}

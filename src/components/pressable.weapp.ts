import type { PressableRole } from './pressable'

/**
 * What makes a drawn view a control for WeChat's screen reader (读屏): its role as `aria-role` and its
 * name as `aria-label` (when its text alone does not say it), WeChat's names for them.
 */
export function pressable(name?: string, role: PressableRole = 'button') {
  return { 'aria-role': role, ...(name ? { 'aria-label': name } : {}) }
}

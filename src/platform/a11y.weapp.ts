import { mergeInternalComponents } from '@tarojs/shared'
import WEAPP_ARIA from './weapp-aria.json'

/**
 * WeChat's button is a native control already; drawn controls carry `aria-role` and `aria-label`
 * (the kit's `pressable`; WeChat's 无障碍 attributes, base library 2.7.1+). Taro's weapp templates bind
 * only the attributes listed per component and list none of these: the build adds them to its
 * templates (config/index.ts) and this adds them to the runtime's list, before the first page
 * renders. Both number a component's attributes in sorted order, so the two lists must be the one
 * list in weapp-aria.json (the value "" means no default: bound only as an element sets it).
 */
export function enableAccessibility(): void {
  mergeInternalComponents(WEAPP_ARIA)
}

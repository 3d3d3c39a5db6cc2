import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef } from 'react'

/**
 * Runs `effect` when the component appears and each time its page is shown again after a hide
 * (back from another page, back to the app). A show with no hide before it runs nothing: Taro's H5
 * router shows the current page again on every `visibilitychange` to visible, which a browser may
 * send while the page is still loading, and each show would otherwise ask the server again. A
 * component that appears after its page was first shown (behind the admin gate, say) still reads
 * once, when it appears.
 */
export function useOnShow(effect: () => void): void {
  const latest = useRef(effect)
  latest.current = effect
  // Whether the effect has run since the page was last hidden.
  const current = useRef(true)
  useEffect(() => latest.current(), [])
  useDidHide(() => void (current.current = false))
  useDidShow(() => {
    if (current.current) return
    current.current = true
    latest.current()
  })
}

import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'

const LARGE_TEXT_KEY = 'lantian.largeText'

/** Whether the large-text mode (适老化) is on, as remembered on this phone. */
export function isLargeText(): boolean {
  try {
    return Taro.getStorageSync(LARGE_TEXT_KEY) === true
  } catch {
    return false
  }
}

export function setLargeText(on: boolean): void {
  try {
    Taro.setStorageSync(LARGE_TEXT_KEY, on)
  } catch {
    // Storage full or unavailable: the mode holds for this visit only.
  }
}

/**
 * The large-text mode for a page: read when the page shows (it may have been switched on
 * another page), and a setter that remembers it.
 */
export function useLargeText(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(isLargeText)
  useDidShow(() => setOn(isLargeText()))
  return [
    on,
    (next: boolean) => {
      setLargeText(next)
      setOn(next)
    },
  ]
}

/** The class of a page's root view: `page` plus the mode and the page's own classes. */
export function pageClass(largeText: boolean, extra = ''): string {
  return ['page', largeText ? 'large-text' : '', extra].filter(Boolean).join(' ')
}

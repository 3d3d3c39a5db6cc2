import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { systemTextEnlarged } from '@/platform/system-font'

const LARGE_TEXT_KEY = 'lantian.largeText'

/** The person's own choice on this phone, or undefined while they have never switched. */
function storedChoice(): boolean | undefined {
  try {
    const v: unknown = Taro.getStorageSync(LARGE_TEXT_KEY)
    return typeof v === 'boolean' ? v : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether the large-text mode (适老化) is on: the person's own choice, else on by itself when
 * they enlarged WeChat's (or the browser's) font size.
 */
export function isLargeText(): boolean {
  return storedChoice() ?? systemTextEnlarged()
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

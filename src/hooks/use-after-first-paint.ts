import { useEffect, useState } from 'react'
import { afterPaint } from '@/platform/after-paint'

/**
 * False for a page's first render, true from the render after it has been painted: what is below
 * the fold or not needed yet waits for it, so the first screen shows sooner.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false)
  useEffect(() => {
    let alive = true
    afterPaint(() => alive && setPainted(true))
    return () => {
      alive = false
    }
  }, [])
  return painted
}

import { Text } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.css'

/** Props of a banner. */
export interface BannerProps {
  className?: string
  /** Data attributes for tests, e.g. `{ 'data-banner': 'conflict' }`. */
  data?: Record<`data-${string}`, string>
  children: ReactNode
}

/** A notice at the top of a page the person must not miss (someone else changed the record first). */
export default function Banner({ className, data = {}, children }: BannerProps) {
  return (
    <Text className={className ? `banner ${className}` : 'banner'} {...data}>
      {children}
    </Text>
  )
}

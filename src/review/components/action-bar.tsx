import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** The page's actions, pinned to the bottom of the screen within thumb reach; the page adds `review-with-bar`. */
export default function ActionBar({ children }: { children: ReactNode }) {
  return (
    <View className='review-bar' data-bar>
      {children}
    </View>
  )
}

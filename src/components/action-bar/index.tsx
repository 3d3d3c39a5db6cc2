import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './index.css'

/** The page's actions, pinned to the bottom of the screen within thumb reach; the page adds `with-action-bar`. */
export default function ActionBar({ children }: { children: ReactNode }) {
  return (
    <View className='action-bar' data-bar>
      {children}
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import type { DemoAccountBannerProps } from './index'
import './index.css'

/** A quiet line naming the demo account the browser is signed in with (local mode only). */
export default function DemoAccountBanner({ displayName }: DemoAccountBannerProps) {
  if (!displayName) return null
  return (
    <View className='demo-banner'>
      <Text>演示账号：{displayName}</Text>
    </View>
  )
}

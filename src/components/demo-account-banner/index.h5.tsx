import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { api } from '@/api'
import './index.css'

/** A quiet line naming the demo account the browser is signed in with (local mode only). */
export default function DemoAccountBanner() {
  const [displayName, setDisplayName] = useState<string | null>(null)

  useEffect(() => {
    let alive = true
    void api.account.me().then((reply) => {
      if (alive && reply.ok && reply.data.displayName) setDisplayName(reply.data.displayName)
    })
    return () => {
      alive = false
    }
  }, [])

  if (!displayName) return null
  return (
    <View className='demo-banner'>
      <Text>演示账号：{displayName}</Text>
    </View>
  )
}

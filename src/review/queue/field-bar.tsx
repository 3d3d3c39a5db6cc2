import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { api } from '@/api'
import { ROUTES } from '@/routes'

/**
 * The caseworker's field work from the queue: the 电话联系 list (with how many wait), and 代为申请,
 * which opens the application form for a worker who cannot fill it themselves.
 */
export default function FieldBar({ calls }: { calls: number | null }) {
  const [busy, setBusy] = useState(false)
  const startAssisted = async () => {
    setBusy(true)
    const reply = await api.review.startAssisted({})
    setBusy(false)
    if (!reply.ok) return void Taro.showToast({ title: reply.error.message, icon: 'none', duration: 3000 })
    void Taro.navigateTo({ url: ROUTES.applyAssisted(reply.data.id) })
  }
  return (
    <View className='field-bar'>
      <Button className='btn btn--secondary btn--small' data-action='calls' onClick={() => void Taro.navigateTo({ url: ROUTES.reviewCalls })}>
        电话联系{calls ? `（${calls}）` : ''}
      </Button>
      <Button className='btn btn--secondary btn--small' data-action='start-assisted' disabled={busy} onClick={() => void startAssisted()}>
        代为申请
      </Button>
    </View>
  )
}

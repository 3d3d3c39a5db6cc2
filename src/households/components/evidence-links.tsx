import { Button, Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { api } from '@/api'
import { showDocument } from '@/platform/view-document'

/** Props of a record's evidence photos. */
export interface EvidenceLinksProps {
  householdId: string
  ids: readonly string[]
}

/**
 * The evidence photos of a recorded item or proposal, one button each: a photo opens through a
 * link made for this view (audited on the server), in WeChat's viewer or below the buttons.
 */
export default function EvidenceLinks({ householdId, ids }: EvidenceLinksProps) {
  const [shown, setShown] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const open = async (evidenceId: string) => {
    if (loading) return
    setLoading(true)
    const reply = await api.households.viewEvidence({ householdId, evidenceId })
    if (!reply.ok) {
      setLoading(false)
      return void Taro.showToast({ title: reply.error.message, icon: 'none', duration: 3000 })
    }
    try {
      const doc = await showDocument(reply.data)
      setShown(doc.kind === 'image' ? doc.src : null)
    } catch {
      void Taro.showToast({ title: '无法打开照片，请稍后重试', icon: 'none' })
    }
    setLoading(false)
  }
  return (
    <View className='hh-evidence' data-evidence={ids.length}>
      <View className='hh-entry__actions'>
        {ids.map((id, i) => (
          <Button key={id} className='btn btn--secondary btn--small' data-action='view-evidence' data-evidence-id={id} onClick={() => void open(id)}>
            查看照片{ids.length > 1 ? i + 1 : ''}
          </Button>
        ))}
      </View>
      {shown && <Image className='hh-evidence__image' src={shown} mode='widthFix' aria-label='佐证照片' nativeProps={{ alt: '佐证照片' }} onClick={() => setShown(null)} />}
    </View>
  )
}

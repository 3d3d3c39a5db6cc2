import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { pressable } from '@/components/pressable'
import type { AssistedDraftView } from '@/domain/api/review'
import { ROUTES } from '@/routes'
import { formatDateTime } from '@/text/format'

/**
 * 我代填的申请: the caseworker's 代为申请 drafts not yet submitted, each opening the form where it
 * was left (leaving the form keeps the draft). Nothing shows when there are none.
 */
export default function AssistedDrafts({ items }: { items: AssistedDraftView[] }) {
  if (items.length === 0) return null
  return (
    <View className='assisted-drafts' data-assisted-drafts={items.length}>
      <Text className='assisted-drafts__title'>我代填的申请（{items.length}）</Text>
      {items.map((d) => {
        const who = d.nameMasked ?? '姓名未填'
        return (
          <View
            key={d.id}
            className='card card--item'
            hoverClass='card--pressed'
            {...pressable(`继续填写 ${who} ${d.unitName}`)}
            data-assisted-draft={d.id}
            onClick={() => void Taro.navigateTo({ url: ROUTES.applyAssisted(d.id) })}
          >
            <View className='queue-item__head'>
              <Text className='queue-item__name'>{who}</Text>
              <Text className='assisted-drafts__go'>继续填写 ›</Text>
            </View>
            <Text className='queue-item__line'>{d.unitName}</Text>
            <Text className='queue-item__line'>最后保存于 {formatDateTime(d.savedAt)}</Text>
          </View>
        )
      })}
    </View>
  )
}

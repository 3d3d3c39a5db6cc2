import { Text, View } from '@tarojs/components'
import Tag from '@/components/tag'
import StatusTag from '@/components/status-tag'
import type { QueueItem } from '@/domain/api/review'
import { hardshipCauseLabel } from '@/domain/hardship-causes'
import { formatDate } from '@/text/format'
import { turnOf, waitingText } from '@/domain/turn'

/** Props of one case in the queue. */
export interface QueueItemViewProps {
  item: QueueItem
  onTap: (item: QueueItem) => void
}

/** One case: number, masked name, unit, when it entered the stage and its deadline, overdue and duplicate marks. */
export default function QueueItemView({ item, onTap }: QueueItemViewProps) {
  return (
    <View
      className={item.overdue ? 'card card--item queue-item queue-item--overdue' : 'card card--item queue-item'}
      hoverClass='card--pressed'
      data-case={item.id}
      data-number={item.number}
      data-overdue={item.overdue}
      onClick={() => onTap(item)}
    >
      <View className='queue-item__head'>
        <Text className='queue-item__number'>{item.number}</Text>
        <StatusTag status={item.status} />
      </View>
      <Text className='queue-item__line queue-item__turn' data-turn-line>
        {waitingText(turnOf(item.status, [], new Date()))}
      </Text>
      <Text className='queue-item__name'>
        {item.nameMasked}
        <Text className='queue-item__cause'> · {hardshipCauseLabel(item.mainCause)}</Text>
      </Text>
      <Text className='queue-item__line'>{item.unitName}</Text>
      <Text className='queue-item__line'>
        {formatDate(item.enteredAt)} 进入本环节{item.dueAt ? `，${formatDate(item.dueAt)} 前办结` : ''}
      </Text>
      {(item.overdue || item.duplicateFlags > 0) && (
        <View className='queue-item__tags'>
          {item.overdue && <Tag tone='overdue'>已超期</Tag>}
          {item.duplicateFlags > 0 && <Tag tone='pending'>疑似重复 {item.duplicateFlags}</Tag>}
        </View>
      )}
    </View>
  )
}

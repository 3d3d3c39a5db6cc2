import { Text, View } from '@tarojs/components'
import type { ApplicationSummary } from '@/domain/application'
import { hardshipCauseLabel } from '@/domain/hardship-causes'
import { formatDateTime } from '@/services/format'
import StatusTag from '../status-tag'
import './index.css'

/** Props of one line of "我的申请". */
export interface ApplicationItemProps {
  item: ApplicationSummary
  onTap: (id: string) => void
}

/** One application: number, status, cause and when it was submitted. */
export default function ApplicationItem({ item, onTap }: ApplicationItemProps) {
  return (
    <View
      className='application-item'
      hoverClass='application-item--pressed'
      onClick={() => onTap(item.id)}
      data-id={item.id}
    >
      <View className='application-item__head'>
        <Text className='application-item__number'>{item.number}</Text>
        <StatusTag status={item.status} />
      </View>
      <Text className='application-item__line'>致困原因：{hardshipCauseLabel(item.mainCause)}</Text>
      <Text className='application-item__line muted'>提交时间：{formatDateTime(item.createdAt)}</Text>
    </View>
  )
}

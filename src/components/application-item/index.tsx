import { Text, View } from '@tarojs/components'
import type { ApplicationSummary } from '@/domain/application'
import { hardshipCauseLabel } from '@/domain/hardship-causes'
import { formatDateTime } from '@/text/format'
import StatusTag from '../status-tag'
import './index.css'
import { pressable } from '@/components/pressable'

/** Props of one line of "我的申请". */
export interface ApplicationItemProps {
  item: ApplicationSummary
  onTap: (item: ApplicationSummary) => void
}

/** One application: number, status, cause and when it was submitted; a draft says it is not sent yet. */
export default function ApplicationItem({ item, onTap }: ApplicationItemProps) {
  const draft = item.status === 'draft'
  const neverSubmitted = item.number.startsWith('DRAFT-')
  return (
    <View className='card application-item' hoverClass='card--pressed' onClick={() => onTap(item)} {...pressable()} data-id={item.id} data-status={item.status}>
      <View className='application-item__head'>
        <Text className='application-item__number'>{neverSubmitted ? '未提交的申请' : item.number}</Text>
        <StatusTag status={item.status} />
      </View>
      {draft ? (
        <Text className='application-item__line'>已自动保存，点击继续填写</Text>
      ) : (
        <Text className='application-item__line'>致困原因：{hardshipCauseLabel(item.mainCause)}</Text>
      )}
      <Text className='application-item__line muted'>
        {draft ? '保存时间' : '提交时间'}：{formatDateTime(draft ? item.updatedAt : item.createdAt)}
      </Text>
      {item.status === 'returned' && <Text className='application-item__action'>需要修改后重新提交 ›</Text>}
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import Tag from '@/components/tag'
import StatusTag from '@/components/status-tag'
import type { CaseView } from '@/domain/api/review'
import { formatDate, formatDateTime } from '@/text/format'
import { typedByText } from '@/domain/assisted'

/** The case at a glance: number, status, applicant, unit and the stage's deadline. */
export default function CaseHeader({ view }: { view: CaseView }) {
  const app = view.application
  return (
    <View className='card case-header' data-status={app.status} data-version={app.version}>
      <View className='case-header__head'>
        <Text className='case-header__number'>{app.number}</Text>
        <StatusTag status={app.status} className='case-status' />
      </View>
      <Text className='case-header__name'>{app.name}</Text>
      <Text className='case-header__line'>{view.unitName}</Text>
      <Text className='case-header__line'>提交于 {formatDateTime(app.createdAt)}</Text>
      {app.typedBy && (
        <Text className='case-header__line' data-typed-by={app.typedBy.kind}>
          {typedByText(app.typedBy)}
        </Text>
      )}
      {view.dueAt && (
        <View className='case-header__due'>
          <Text className={view.overdue ? 'case-header__deadline case-header__deadline--overdue' : 'case-header__deadline'}>
            本环节 {formatDate(view.dueAt)} 前办结
          </Text>
          {view.overdue && <Tag tone='overdue'>已超期</Tag>}
        </View>
      )}
    </View>
  )
}

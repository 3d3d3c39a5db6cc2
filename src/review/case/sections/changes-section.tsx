import { Text, View } from '@tarojs/components'
import type { CaseView } from '@/domain/api/review'
import { latestEntry } from '@/domain/review'
import { formatDateTime } from '@/text/format'

/** While the resubmitted case waits for screening: what the worker changed against the returned version, field by field. */
export default function ChangesSection({ view }: { view: CaseView }) {
  const status = view.application.status
  const entry = latestEntry(view.review, 'resubmitted')
  const returned = latestEntry(view.review, 'returned')
  if (!entry || (status !== 'submitted' && status !== 'screening') || (returned && returned.at > entry.at)) return null
  const changes = view.changes[entry.id] ?? []
  return (
    <View className='card' data-section='changes' data-changes={changes.length}>
      <Text className='card__title'>重新提交的修改</Text>
      <Text className='muted'>{formatDateTime(entry.at)} 申请人按退回意见修改后重新提交</Text>
      {changes.length === 0 && <Text className='case-change'>申请人未修改内容</Text>}
      {changes.map((c) => (
        <View key={c.path} className='case-change' data-change={c.path}>
          <Text className='case-change__name'>{c.name}</Text>
          <Text className='case-change__value'>
            {c.before ? `原：${c.before}` : '原：未填写'}
          </Text>
          <Text className='case-change__value case-change__value--new'>{`现：${c.after || '已清空'}`}</Text>
        </View>
      ))}
    </View>
  )
}

import { View } from '@tarojs/components'
import Tag from '@/components/tag'
import type { HouseholdItem } from '@/domain/api/households'
import { hardshipCategoryLabel } from '@/domain/hardship-categories'

/** The household's state at a glance: category, 已注销, 联系超期, 待审批注销. */
export default function HouseholdTags({ item }: { item: HouseholdItem }) {
  return (
    <View className='hh-tags'>
      <Tag tone='info' data={{ 'data-category': item.category }}>
        {hardshipCategoryLabel(item.category)}
      </Tag>
      {item.status === 'deregistered' && <Tag tone='muted' data={{ 'data-tag': 'deregistered' }}>已注销</Tag>}
      {item.contactOverdue && <Tag tone='overdue' data={{ 'data-tag': 'overdue' }}>联系超期</Tag>}
      {item.deregistrationPending && <Tag tone='pending' data={{ 'data-tag': 'pending' }}>待审批注销</Tag>}
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import type { HouseholdItem } from '@/domain/api/households'
import { hardshipCategoryLabel } from '@/domain/hardship-categories'

/** The household's state at a glance: category, 已注销, 联系超期, 待审批注销. */
export default function HouseholdTags({ item }: { item: HouseholdItem }) {
  return (
    <View className='hh-tags'>
      <Text className='hh-tag hh-tag--category' data-category={item.category}>
        {hardshipCategoryLabel(item.category)}
      </Text>
      {item.status === 'deregistered' && <Text className='hh-tag hh-tag--muted' data-tag='deregistered'>已注销</Text>}
      {item.contactOverdue && <Text className='hh-tag hh-tag--overdue' data-tag='overdue'>联系超期</Text>}
      {item.deregistrationPending && <Text className='hh-tag hh-tag--pending' data-tag='pending'>待审批注销</Text>}
    </View>
  )
}

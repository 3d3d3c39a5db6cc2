import { Text, View } from '@tarojs/components'
import type { HouseholdItem } from '@/domain/api/households'
import { formatDate } from '@/text/format'
import HouseholdTags from '../components/household-tags'

/** Props of one household in the list. */
export interface HouseholdRowProps {
  item: HouseholdItem
  onTap: (item: HouseholdItem) => void
}

/** File number, masked name, unit, tags, paired cadres and the last contact. */
export default function HouseholdRow({ item, onTap }: HouseholdRowProps) {
  const cadres = item.cadres.map((c) => c.name).join('、') || '未结对'
  return (
    <View className='card card--item hh-row' hoverClass='card--pressed' data-household={item.id} data-number={item.number} onClick={() => onTap(item)}>
      <View className='hh-row__head'>
        <Text className='hh-row__name'>{item.headNameMasked}</Text>
        <Text className='hh-row__number'>{item.number}</Text>
      </View>
      <Text className='hh-row__line'>
        {item.unitName} · {item.memberCount}人
      </Text>
      <HouseholdTags item={item} />
      <Text className='hh-row__line'>结对干部：{cadres}</Text>
      <Text className='hh-row__line'>最近联系：{item.lastContactOn ? formatDate(item.lastContactOn) : '暂无记录'}</Text>
    </View>
  )
}

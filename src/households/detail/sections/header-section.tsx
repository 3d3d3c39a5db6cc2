import { Text, View } from '@tarojs/components'
import InfoRow from '@/components/info-row'
import type { HouseholdView } from '@/domain/api/households'
import { HEALTH_STATUSES, RELATIONS } from '@/domain/form-codes'
import { HOUSEHOLD_STATUSES } from '@/domain/household-codes'
import { formatDate } from '@/text/format'
import { labelOf } from '@/text/household-text'
import HouseholdTags from '../../components/household-tags'

/** The file's head: number, masked name, category, status, unit and members. */
export default function HeaderSection({ view }: { view: HouseholdView }) {
  return (
    <View className='card hh-header' data-household={view.id} data-status={view.status} data-version={view.version}>
      <View className='hh-header__top'>
        <Text className='hh-header__name'>{view.headNameMasked}</Text>
        <Text className='hh-header__number' data-number>
          {view.number}
        </Text>
      </View>
      <HouseholdTags item={view} />
      <InfoRow label='状态' value={labelOf(HOUSEHOLD_STATUSES, view.status)} valueClassName='hh-header__status' />
      <InfoRow label='所属单位' value={view.unitName} />
      <InfoRow label='家庭人口' value={`${view.memberCount}人`} />
      {view.members.map((m, i) => (
        <InfoRow
          key={i}
          label={`家庭成员${i + 1}`}
          value={`${m.nameMasked}（${labelOf(RELATIONS, m.relation)}，${labelOf(HEALTH_STATUSES, m.health)}）${m.occupation ? ` ${m.occupation}` : ''} ${m.idNumberMasked}`}
        />
      ))}
      <InfoRow label='建档日期' value={formatDate(view.filedAt)} />
      <InfoRow label='最近联系' value={view.lastContactOn ?? '暂无记录'} />
    </View>
  )
}

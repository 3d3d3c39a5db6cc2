import { Text, View } from '@tarojs/components'
import InfoRow from '@/components/info-row'
import RevealRow, { useReveal } from '@/components/reveal-row'
import type { HouseholdView } from '@/domain/api/households'
import { displayText } from '@/domain/field-kinds'
import { isStacked } from '@/domain/field-rows'
import { fieldAt, MEMBER_FIELDS, rowLabel } from '@/domain/form-fields'
import { memberTitle } from '@/domain/form-labels'
import { HOUSEHOLD_STATUSES } from '@/domain/household-codes'
import { formatDate } from '@/text/format'
import { labelOf } from '@/text/household-text'
import HouseholdTags from '../../components/household-tags'

const { relation, health } = MEMBER_FIELDS

/** The file's head: number, masked name, category, status, unit, members and what else of the filing form the file shows. */
export default function HeaderSection({ view }: { view: HouseholdView }) {
  const revealer = useReveal(view.filingApplicationId ?? '')
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
          label={memberTitle(i)}
          value={`${m.nameMasked}（${displayText(relation.kind, m.relation)}，${displayText(health.kind, m.health)}）${m.occupation ? ` ${m.occupation}` : ''}`}
          masked={m.idNumberMasked}
        />
      ))}
      {view.filing.map((r) => {
        const f = fieldAt(r.path)
        const label = f ? rowLabel(f) : r.path
        if (f?.sensitivity === 'revealable' && view.filingApplicationId) {
          return <RevealRow key={r.path} label={label} field={r.path} masked={r.text} mayReveal={view.mayReveal} revealer={revealer} />
        }
        return <InfoRow key={r.path} label={label} value={r.text} stacked={f ? isStacked(f) : false} />
      })}
      <InfoRow label='建档日期' value={formatDate(view.filedAt)} />
      <InfoRow label='最近联系' value={view.lastContactOn ? formatDate(view.lastContactOn) : '暂无记录'} />
    </View>
  )
}

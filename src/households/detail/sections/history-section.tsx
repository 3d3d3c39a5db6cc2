import { Text, View } from '@tarojs/components'
import type { HouseholdEvent } from '@/domain/household'
import { DEREGISTRATION_REASONS, HOUSEHOLD_EVENT_KINDS } from '@/domain/household-codes'
import { hardshipCategoryLabel } from '@/domain/hardship-categories'
import { formatDateTime } from '@/text/format'
import { labelOf } from '@/text/household-text'
import Section from '../../components/section'

/** One line on what an entry says beyond its kind, or ''. */
function detail(e: HouseholdEvent): string {
  switch (e.kind) {
    case 'filed':
    case 'refiled':
      return hardshipCategoryLabel(e.category)
    case 'cadre-assigned':
      return e.cadre.name
    case 'cadre-removed':
      return e.note
    case 'category-changed':
      return `${hardshipCategoryLabel(e.from)} → ${hardshipCategoryLabel(e.to)}${e.note ? `：${e.note}` : ''}`
    case 'deregistration-proposed':
      return [labelOf(DEREGISTRATION_REASONS, e.reason), e.text].filter(Boolean).join('：')
    case 'deregistration-declined':
      return e.note
    case 'deregistered':
      return [labelOf(DEREGISTRATION_REASONS, e.reason), e.note].filter(Boolean).join('：')
  }
}

/** 档案记录: the file's history, newest first; nothing in it is ever removed. */
export default function HistorySection({ history }: { history: readonly HouseholdEvent[] }) {
  const newestFirst = [...history].reverse()
  return (
    <Section name='history' title='档案记录'>
      {newestFirst.map((e) => (
        <View key={e.id} className='hh-entry' data-event={e.kind}>
          <View className='hh-entry__head'>
            <Text className='hh-entry__title'>{labelOf(HOUSEHOLD_EVENT_KINDS, e.kind)}</Text>
            <Text className='hh-entry__line'>{formatDateTime(e.at)}</Text>
          </View>
          {detail(e) && <Text className='hh-entry__text'>{detail(e)}</Text>}
          <Text className='hh-entry__line'>{e.byName}</Text>
        </View>
      ))}
    </Section>
  )
}

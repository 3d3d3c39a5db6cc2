import { Text, View } from '@tarojs/components'
import type { CaseView } from '@/domain/api/review'
import { hardshipCategoryLabel } from '@/domain/hardship-categories'
import { formatMoney } from '@/text/format'

/**
 * The category computed from the verified figures (or the worker's) against the unit's policy:
 * the per-capita figure beside the thresholds, and the reasons line by line.
 */
export default function ProposedSection({ view, embedded }: { view: CaseView; embedded?: boolean }) {
  const p = view.proposed
  if (!p) return null
  return (
    <View className={embedded ? 'case-proposed case-proposed--embedded' : 'card case-proposed'} data-section='proposed' data-category={p.category}>
      <Text className={embedded ? 'field__label' : 'card__title'}>认定测算</Text>
      <View className='case-proposed__result'>
        <Text className='case-proposed__label'>测算类别</Text>
        <Text className={p.category === 'not-eligible' ? 'case-proposed__category case-proposed__category--no' : 'case-proposed__category'}>
          {hardshipCategoryLabel(p.category)}
        </Text>
      </View>
      <View className='case-proposed__grid'>
        <View className='case-proposed__cell'>
          <Text className='case-proposed__figure' data-per-capita={p.perCapitaMonthlyFen}>
            {formatMoney(p.perCapitaMonthlyFen)}
          </Text>
          <Text className='case-proposed__caption'>人均月收入</Text>
        </View>
        <View className='case-proposed__cell'>
          <Text className='case-proposed__figure'>{formatMoney(p.thresholds.deepLineFen)}</Text>
          <Text className='case-proposed__caption'>深度困难线（低保，每人每月）</Text>
        </View>
        <View className='case-proposed__cell'>
          <Text className='case-proposed__figure'>{formatMoney(p.thresholds.relativeLineFen)}</Text>
          <Text className='case-proposed__caption'>相对困难线（每人每月）</Text>
        </View>
        <View className='case-proposed__cell'>
          <Text className='case-proposed__figure'>{formatMoney(p.rigidExpensesFen)}</Text>
          <Text className='case-proposed__caption'>年刚性支出</Text>
        </View>
      </View>
      {p.reasons.map((r) => (
        <Text key={r} className='case-proposed__reason'>
          · {r}
        </Text>
      ))}
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import InfoRow from '@/components/info-row'
import type { CaseView } from '@/domain/api/review'
import { shownRows } from '@/domain/field-rows'
import { hardshipCategoryLabel } from '@/domain/hardship-categories'
import { formatMoney } from '@/text/format'

/** The household's figures as the worker gave them, and the category the worker's self-check estimated. */
export default function FinancesSection({ view }: { view: CaseView }) {
  const f = view.application.details?.finances
  const a = view.application.assessment
  if (!f && !a) return null
  return (
    <View className='card' data-section='finances'>
      <Text className='card__title'>收入和支出（申请人填报）</Text>
      {f && (
        <View>
          {shownRows('finances', f).map((r) => (
            <InfoRow key={r.path} label={r.label} value={r.text} />
          ))}
        </View>
      )}
      {a && (
        <View className='case-figures' data-self-check={a.category}>
          <Text className='case-figures__title'>申请人自测：{hardshipCategoryLabel(a.category)}</Text>
          <Text className='case-figures__line'>扣除刚性支出后人均月收入 {formatMoney(a.perCapitaMonthlyFen)}</Text>
        </View>
      )}
    </View>
  )
}

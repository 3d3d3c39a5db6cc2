import { Text, View } from '@tarojs/components'
import InfoRow from '@/components/info-row'
import type { CaseView } from '@/domain/api/review'
import { hardshipCategoryLabel } from '@/domain/hardship-categories'
import { formatFen } from '@/domain/money'

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
          <InfoRow label='家庭人口' value={`${f.householdSize} 人`} />
          <InfoRow label='家庭年收入' value={formatFen(f.annualIncome)} />
          <InfoRow label='本人月收入' value={formatFen(f.applicantMonthlyIncome)} />
          <InfoRow label='医疗支出' value={formatFen(f.medicalExpenses)} />
          <InfoRow label='教育支出' value={formatFen(f.schoolingExpenses)} />
          <InfoRow label='其他刚性支出' value={formatFen(f.otherRigidExpenses)} />
          <InfoRow label='重大事故或灾害' value={f.accidentOrDisaster ? '有' : '无'} />
          <InfoRow label='因病因灾等费用' value={formatFen(f.hardshipCosts)} />
        </View>
      )}
      {a && (
        <View className='case-figures' data-self-check={a.category}>
          <Text className='case-figures__title'>申请人自测：{hardshipCategoryLabel(a.category)}</Text>
          <Text className='case-figures__line'>扣除刚性支出后人均月收入 {formatFen(a.perCapitaMonthlyFen)}</Text>
        </View>
      )}
    </View>
  )
}

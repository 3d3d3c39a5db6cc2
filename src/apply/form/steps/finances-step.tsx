import { Text, View } from '@tarojs/components'
import { Fields, type StepProps } from './fields'

/** Household income and rigid expenses: what the per-capita income is computed from. */
export default function FinancesStep({ p }: { p: StepProps }) {
  return (
    <View>
      <View className='card'>
        <Text className='card__title'>家庭收入</Text>
        <Fields p={p} part='finances' keys={['householdSize', 'annualIncome', 'applicantMonthlyIncome']} />
      </View>
      <View className='card'>
        <Text className='card__title'>刚性支出（近12个月）</Text>
        <Fields p={p} part='finances' keys={['medicalExpenses', 'schoolingExpenses', 'otherRigidExpenses']} />
      </View>
      <View className='card'>
        <Text className='card__title'>意外和灾害</Text>
        <Fields p={p} part='finances' keys={['accidentOrDisaster', 'hardshipCosts']} />
      </View>
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import { YES_NO } from '@/domain/form-codes'
import { ChoiceInput, MoneyInput, TextInput, type StepProps } from './fields'

/** Household income and rigid expenses: what the per-capita income is computed from. */
export default function FinancesStep({ p }: { p: StepProps }) {
  return (
    <View>
      <View className='card'>
        <Text className='card__title'>家庭收入</Text>
        <TextInput p={p} path='finances.householdSize' label='家庭人口' keyboard='number' maxlength={2} unit='人' hint='共同生活的家庭成员人数，含您本人' />
        <MoneyInput p={p} path='finances.annualIncome' label='家庭年收入' hint='近12个月全家的工资、经营、养老金等收入合计' />
        <MoneyInput p={p} path='finances.applicantMonthlyIncome' label='本人月收入' />
      </View>
      <View className='card'>
        <Text className='card__title'>刚性支出（近12个月）</Text>
        <MoneyInput p={p} path='finances.medicalExpenses' label='医疗支出' hint='自付的医药费、住院费' />
        <MoneyInput p={p} path='finances.schoolingExpenses' label='教育支出' hint='子女学费、住宿费' />
        <MoneyInput p={p} path='finances.otherRigidExpenses' label='其他刚性支出' />
      </View>
      <View className='card'>
        <Text className='card__title'>意外和灾害</Text>
        <ChoiceInput p={p} path='finances.accidentOrDisaster' label='近一年是否遭遇重大事故或灾害' options={YES_NO} />
        <MoneyInput p={p} path='finances.hardshipCosts' label='今年因病因灾等产生的费用' />
      </View>
    </View>
  )
}

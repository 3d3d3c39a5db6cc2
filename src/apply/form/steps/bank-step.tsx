import { Text, View } from '@tarojs/components'
import { Fields, type StepProps } from './fields'

/** Where aid money is paid: the applicant's own account. */
export default function BankStep({ p }: { p: StepProps }) {
  return (
    <View className='card'>
      <Text className='apply-form__lead'>帮扶资金只发放到申请人本人的银行账户。账号加密保存。</Text>
      <Fields p={p} part='bank' keys={['bankName', 'accountName', 'accountNumber']} />
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import { TextInput, type StepProps } from './fields'

/** Where aid money is paid: the applicant's own account. */
export default function BankStep({ p }: { p: StepProps }) {
  return (
    <View className='card'>
      <Text className='apply-form__lead'>帮扶资金只发放到申请人本人的银行账户。账号加密保存。</Text>
      <TextInput p={p} path='bank.bankName' label='开户银行' placeholder='如：中国农业银行弥勒支行' maxlength={40} />
      <TextInput p={p} path='bank.accountName' label='户名' placeholder='与申请人姓名一致' maxlength={30} />
      <TextInput p={p} path='bank.accountNumber' label='银行账号' keyboard='number' maxlength={30} placeholder='银行卡号' />
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import { idNumberFacts, isValidIdNumber } from '@/domain/id-number'
import { Fields, type StepProps } from './fields'
import { formatDate } from '@/text/format'

/** The applicant: who they are, their work, their union, their home. */
export default function ApplicantStep({ p }: { p: StepProps }) {
  const id = p.values.applicant.idNumber
  const facts = isValidIdNumber(id) ? idNumberFacts(id) : null
  return (
    <View>
      <View className='card'>
        <Text className='card__title'>基本信息</Text>
        <Fields p={p} part='applicant' keys={['name', 'idNumber']} />
        {facts && (
          <Text className='apply-form__derived' data-derived='birth'>
            出生日期 {formatDate(facts.birthDate)}，性别{facts.gender === 'male' ? '男' : '女'}（由身份证号识别）
          </Text>
        )}
        <Fields p={p} part='applicant' keys={['phone', 'health', 'disability', 'modelWorker']} />
      </View>
      <View className='card'>
        <Text className='card__title'>工作和所在工会</Text>
        <Fields p={p} part='applicant' keys={['workStatus', 'employer', 'employerNature', 'unitId']} />
      </View>
      <View className='card'>
        <Text className='card__title'>户籍、住房和医保</Text>
        <Fields p={p} part='applicant' keys={['hukou', 'housing', 'housingArea', 'medicalInsurance', 'zeroEmploymentFamily']} />
      </View>
      <View className='card'>
        <Text className='card__title'>家庭住址和联系电话</Text>
        <Fields p={p} part='applicant' keys={['homeAddress', 'homePhone']} />
      </View>
    </View>
  )
}

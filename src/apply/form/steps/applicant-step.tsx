import { Text, View } from '@tarojs/components'
import { idNumberFacts, isValidIdNumber } from '@/domain/id-number'
import {
  DISABILITY_KINDS,
  EMPLOYER_NATURES,
  HEALTH_STATUSES,
  HOUSING_TYPES,
  HUKOU_TYPES,
  MEDICAL_INSURANCES,
  MODEL_WORKER_TYPES,
  WORK_STATUSES,
  YES_NO,
} from '@/domain/form-codes'
import UnionPicker from '../../components/union-picker'
import { ChoiceInput, TextInput, type StepProps } from './fields'

/** The applicant: who they are, their work, their union, their home. */
export default function ApplicantStep({ p }: { p: StepProps }) {
  const id = p.values.applicant.idNumber
  const facts = isValidIdNumber(id) ? idNumberFacts(id) : null
  return (
    <View>
      <View className='card'>
        <Text className='card__title'>基本信息</Text>
        <TextInput p={p} path='applicant.name' label='姓名' placeholder='请输入您的姓名' maxlength={30} />
        <TextInput p={p} path='applicant.idNumber' label='身份证号' placeholder='18位身份证号码' keyboard='idcard' maxlength={18} hint='加密保存，仅用于本次帮扶审核' />
        {facts && (
          <Text className='apply-form__derived' data-derived='birth'>
            出生日期 {facts.birthDate}，性别{facts.gender === 'male' ? '男' : '女'}（由身份证号识别）
          </Text>
        )}
        <TextInput p={p} path='applicant.phone' label='手机号码' placeholder='11位手机号码' keyboard='number' maxlength={11} />
        <ChoiceInput p={p} path='applicant.health' label='健康状况' options={HEALTH_STATUSES} />
        <ChoiceInput p={p} path='applicant.disability' label='残疾类别' options={DISABILITY_KINDS} />
        <ChoiceInput p={p} path='applicant.modelWorker' label='劳模类型' options={MODEL_WORKER_TYPES} />
      </View>
      <View className='card'>
        <Text className='card__title'>工作和所在工会</Text>
        <ChoiceInput p={p} path='applicant.workStatus' label='工作状态' options={WORK_STATUSES} />
        <TextInput p={p} path='applicant.employer' label='工作单位' placeholder='单位全称，没有请填“无”' maxlength={60} />
        <ChoiceInput p={p} path='applicant.employerNature' label='单位性质' options={EMPLOYER_NATURES} />
        <UnionPicker
          field='applicant.unitId'
          label='所在工会'
          hint='在职职工选单位所在地工会，点“下级”可找到本单位工会；灵活就业或失业的选居住地街道（乡镇）工会'
          value={p.values.applicant.unitId}
          error={p.messages['applicant.unitId']}
          marked={p.marked.has('applicant.unitId')}
          onChange={(id) => {
            p.onChange('applicant.unitId', id)
            p.onBlur('applicant.unitId', id)
          }}
        />
      </View>
      <View className='card'>
        <Text className='card__title'>户籍、住房和医保</Text>
        <ChoiceInput p={p} path='applicant.hukou' label='户口类型' options={HUKOU_TYPES} />
        <ChoiceInput p={p} path='applicant.housing' label='住房类型' options={HOUSING_TYPES} />
        <TextInput p={p} path='applicant.housingArea' label='住房面积' keyboard='number' maxlength={4} unit='平方米' placeholder='没有请填0' />
        <ChoiceInput p={p} path='applicant.medicalInsurance' label='医保状况' options={MEDICAL_INSURANCES} />
        <ChoiceInput p={p} path='applicant.zeroEmploymentFamily' label='是否零就业家庭' hint='家庭中有劳动能力的成员均未就业' options={YES_NO} />
      </View>
    </View>
  )
}

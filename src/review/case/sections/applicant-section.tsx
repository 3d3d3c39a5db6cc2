import { Text, View } from '@tarojs/components'
import InfoRow from '@/components/info-row'
import type { CaseView } from '@/domain/api/review'
import {
  DISABILITY_KINDS,
  EMPLOYER_NATURES,
  HEALTH_STATUSES,
  HOUSING_TYPES,
  HUKOU_TYPES,
  labelOf,
  MEDICAL_INSURANCES,
  MODEL_WORKER_TYPES,
  WORK_STATUSES,
} from '@/domain/form-codes'
import { hardshipCauseLabel } from '@/domain/hardship-causes'
import RevealRow from '../reveal-row'
import type { Revealer } from '../use-reveal'

/** The applicant's part of the form, sensitive values masked with "查看" beside them. */
export default function ApplicantSection({ view, revealer }: { view: CaseView; revealer: Revealer }) {
  const app = view.application
  const d = app.details
  const may = view.mayReveal
  if (!d) {
    return (
      <View className='card'>
        <Text className='card__title'>申请人</Text>
        <InfoRow label='姓名' value={app.name} />
        <RevealRow label='身份证号' field='applicant.idNumber' masked={app.idNumberMasked} mayReveal={may} revealer={revealer} />
        <RevealRow label='手机号码' field='applicant.phone' masked={app.phoneMasked} mayReveal={may} revealer={revealer} />
        <InfoRow label='工作单位' value={app.employer} />
        <InfoRow label='主要致困原因' value={hardshipCauseLabel(app.mainCause)} />
      </View>
    )
  }
  const a = d.applicant
  return (
    <View className='card' data-section='applicant'>
      <Text className='card__title'>申请人</Text>
      <InfoRow label='姓名' value={`${app.name}（${a.gender === 'male' ? '男' : '女'}，${a.birthDate}）`} />
      <RevealRow label='身份证号' field='applicant.idNumber' masked={a.idNumberMasked} mayReveal={may} revealer={revealer} />
      <RevealRow label='手机号码' field='applicant.phone' masked={a.phoneMasked} mayReveal={may} revealer={revealer} />
      <InfoRow label='健康状况' value={labelOf(HEALTH_STATUSES, a.health)} />
      <InfoRow label='残疾类别' value={labelOf(DISABILITY_KINDS, a.disability)} />
      <InfoRow label='劳模类型' value={labelOf(MODEL_WORKER_TYPES, a.modelWorker)} />
      <InfoRow label='工作状态' value={labelOf(WORK_STATUSES, a.workStatus)} />
      <InfoRow label='工作单位' value={a.employer} />
      <InfoRow label='单位性质' value={labelOf(EMPLOYER_NATURES, a.employerNature)} />
      <InfoRow label='所在工会' value={a.unitName} />
      <InfoRow label='户口类型' value={labelOf(HUKOU_TYPES, a.hukou)} />
      <InfoRow label='住房' value={`${labelOf(HOUSING_TYPES, a.housing)}，${a.housingArea} 平方米`} />
      <InfoRow label='医保状况' value={labelOf(MEDICAL_INSURANCES, a.medicalInsurance)} />
      <InfoRow label='零就业家庭' value={a.zeroEmploymentFamily ? '是' : '否'} />
      <InfoRow label='主要致困原因' value={hardshipCauseLabel(d.causes.mainCause)} />
      {d.causes.secondaryCauses.length > 0 && <InfoRow label='次要致困原因' value={d.causes.secondaryCauses.map(hardshipCauseLabel).join('、')} />}
      <InfoRow label='开户银行' value={`${d.bank.bankName}（户名 ${d.bank.accountName}）`} stacked />
      <RevealRow label='银行账号' field='bank.accountNumber' masked={d.bank.accountNumberMasked} mayReveal={may} revealer={revealer} />
      <InfoRow label='困难情况说明' value={d.description} stacked />
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import InfoRow from '@/components/info-row'
import type { FormStep } from '@/domain/api/applicant'
import { documentKindLabel, type DocumentView } from '@/domain/documents'
import { HEALTH_STATUSES, labelOf, RELATIONS, WORK_STATUSES } from '@/domain/form-codes'
import type { FormValues } from '@/domain/form-values'
import { hardshipCauseLabel } from '@/domain/hardship-causes'
import { maskBankAccount, maskIdNumber, maskPhone } from '@/domain/mask'

interface Row {
  label: string
  value: string
  stacked?: boolean
}

function Section({ title, step, rows, onEdit }: { title: string; step: FormStep; rows: Row[]; onEdit: (s: FormStep) => void }) {
  return (
    <View className='card review' data-review={step}>
      <View className='review__head'>
        <Text className='card__title'>{title}</Text>
        <Text className='review__edit' data-edit={step} onClick={() => onEdit(step)}>
          修改
        </Text>
      </View>
      {rows.map((r) => (
        <InfoRow key={r.label} label={r.label} value={r.value || '未填写'} stacked={r.stacked} />
      ))}
    </View>
  )
}

const yuan = (s: string) => (s ? `${s} 元` : '')

/** Everything once more, sensitive values masked, each part with a way back to change it. */
export default function ReviewStep({ values, documents, unitName, onEdit }: { values: FormValues; documents: DocumentView[]; unitName: string; onEdit: (s: FormStep) => void }) {
  const a = values.applicant
  const f = values.finances
  return (
    <View>
      <Text className='apply-form__lead'>请核对以下信息，确认无误后提交。提交后由所在工会审核。</Text>
      <Section
        title='申请人'
        step='applicant'
        onEdit={onEdit}
        rows={[
          { label: '姓名', value: a.name },
          { label: '身份证号', value: a.idNumber ? maskIdNumber(a.idNumber.trim().toUpperCase()) : '' },
          { label: '手机号码', value: a.phone ? maskPhone(a.phone.replace(/\s/g, '')) : '' },
          { label: '健康状况', value: labelOf(HEALTH_STATUSES, a.health) },
          { label: '工作状态', value: labelOf(WORK_STATUSES, a.workStatus) },
          { label: '工作单位', value: a.employer },
          { label: '所在工会', value: unitName },
        ]}
      />
      <Section
        title={`家庭成员（${values.members.length}人）`}
        step='members'
        onEdit={onEdit}
        rows={values.members.map((m, i) => ({ label: `${i + 1}. ${m.name || '未填姓名'}（${labelOf(RELATIONS, m.relation)}）`, value: m.idNumber ? maskIdNumber(m.idNumber.trim().toUpperCase()) : '', stacked: true }))}
      />
      <Section
        title='收入和支出'
        step='finances'
        onEdit={onEdit}
        rows={[
          { label: '家庭人口', value: f.householdSize ? `${f.householdSize} 人` : '' },
          { label: '家庭年收入', value: yuan(f.annualIncome) },
          { label: '医疗支出', value: yuan(f.medicalExpenses) },
          { label: '教育支出', value: yuan(f.schoolingExpenses) },
          { label: '其他刚性支出', value: yuan(f.otherRigidExpenses) },
        ]}
      />
      <Section
        title='致困原因'
        step='causes'
        onEdit={onEdit}
        rows={[
          { label: '主要原因', value: values.causes.mainCause ? hardshipCauseLabel(values.causes.mainCause) : '' },
          { label: '次要原因', value: values.causes.secondaryCauses.map(hardshipCauseLabel).join('、') || '无' },
          { label: '情况说明', value: values.description, stacked: true },
        ]}
      />
      <Section
        title='银行账户'
        step='bank'
        onEdit={onEdit}
        rows={[
          { label: '开户银行', value: values.bank.bankName },
          { label: '户名', value: values.bank.accountName },
          { label: '账号', value: values.bank.accountNumber ? maskBankAccount(values.bank.accountNumber.replace(/\s/g, '')) : '' },
        ]}
      />
      <Section
        title={`证明材料（${documents.length}个）`}
        step='documents'
        onEdit={onEdit}
        rows={documents.map((d) => ({ label: documentKindLabel(d.kind), value: d.fileName, stacked: true }))}
      />
    </View>
  )
}

import { Text, View } from '@tarojs/components'
import InfoRow from '@/components/info-row'
import type { CaseView } from '@/domain/api/review'
import { shownRows } from '@/domain/field-rows'
import { APPLICANT_FIELDS, CAUSE_FIELDS, rowLabel } from '@/domain/form-fields'
import { hardshipCauseLabel } from '@/domain/hardship-causes'
import RevealRow from '@/components/reveal-row'
import type { Revealer } from '@/components/reveal-row'
import CaseFieldRow from './case-field-row'
import { formatDate } from '@/text/format'

const { name, idNumber, phone, employer } = APPLICANT_FIELDS

/** The applicant's part of the form, its causes, bank account and description; sensitive values masked with "查看" beside them. */
export default function ApplicantSection({ view, revealer }: { view: CaseView; revealer: Revealer }) {
  const app = view.application
  const d = app.details
  const may = view.mayReveal
  if (!d) {
    return (
      <View className='card'>
        <Text className='card__title'>申请人</Text>
        <InfoRow label={rowLabel(name)} value={app.name} />
        <RevealRow label={rowLabel(idNumber)} field='applicant.idNumber' masked={app.idNumberMasked} mayReveal={may} revealer={revealer} />
        <RevealRow label={rowLabel(phone)} field='applicant.phone' masked={app.phoneMasked} mayReveal={may} revealer={revealer} />
        <InfoRow label={rowLabel(employer)} value={app.employer} />
        <InfoRow label={rowLabel(CAUSE_FIELDS.mainCause)} value={hardshipCauseLabel(app.mainCause)} />
      </View>
    )
  }
  const a = d.applicant
  const person = `（${a.gender === 'male' ? '男' : '女'}，${formatDate(a.birthDate)}）`
  const rows = [
    ...shownRows('applicant', a, { unitName: a.unitName }).map((r) => (r.path === 'applicant.name' ? { ...r, text: `${r.text}${person}` } : r)),
    ...shownRows('causes', d.causes),
    ...shownRows('bank', d.bank),
    ...shownRows('description', d.description),
  ]
  return (
    <View className='card' data-section='applicant'>
      <Text className='card__title'>申请人</Text>
      {rows.map((r) => (
        <CaseFieldRow key={r.path} row={r} mayReveal={may} revealer={revealer} />
      ))}
    </View>
  )
}

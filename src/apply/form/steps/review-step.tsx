import { Text, View } from '@tarojs/components'
import InfoRow from '@/components/info-row'
import type { FormStep } from '@/domain/api/applicant'
import { documentKindLabel, type DocumentView } from '@/domain/documents'
import { draftRows, splitMember } from '@/domain/field-rows'
import type { FormValues } from '@/domain/form-values'
import { pressable } from '@/components/pressable'

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
        <Text className='review__edit' data-edit={step} {...pressable(`修改${title}`)} onClick={() => onEdit(step)}>
          修改
        </Text>
      </View>
      {rows.map((r) => (
        <InfoRow key={r.label} label={r.label} value={r.value || '未填写'} stacked={r.stacked} />
      ))}
    </View>
  )
}

type Part = 'applicant' | 'finances' | 'causes' | 'description' | 'bank'

/** Everything once more, sensitive values masked, each part with a way back to change it. */
export default function ReviewStep({ values, documents, unitName, onEdit }: { values: FormValues; documents: DocumentView[]; unitName: string; onEdit: (s: FormStep) => void }) {
  // The registry's summary fields, from the text as typed.
  const rowsOf = (...parts: Part[]): Row[] =>
    parts.flatMap((part) => draftRows(part, values[part], { view: 'summary', unitName })).map((r) => ({ label: r.label, value: r.text, stacked: r.stacked }))
  const member = (m: FormValues['members'][number], i: number): Row => {
    const { name, relation, rest } = splitMember(draftRows('members', m, { view: 'summary', member: i }))
    return { label: `${i + 1}. ${name || '未填姓名'}（${relation}）`, value: rest.map((r) => r.text).join(' '), stacked: true }
  }
  return (
    <View>
      <Text className='apply-form__lead'>请核对以下信息，确认无误后提交。提交后由所在工会审核。</Text>
      <Section title='申请人' step='applicant' onEdit={onEdit} rows={rowsOf('applicant')} />
      <Section title={`家庭成员（${values.members.length}人）`} step='members' onEdit={onEdit} rows={values.members.map(member)} />
      <Section title='收入和支出' step='finances' onEdit={onEdit} rows={rowsOf('finances')} />
      <Section title='致困原因' step='causes' onEdit={onEdit} rows={rowsOf('causes', 'description')} />
      <Section title='银行账户' step='bank' onEdit={onEdit} rows={rowsOf('bank')} />
      <Section
        title={`证明材料（${documents.length}个）`}
        step='documents'
        onEdit={onEdit}
        rows={documents.map((d) => ({ label: documentKindLabel(d.kind), value: d.fileName, stacked: true }))}
      />
    </View>
  )
}

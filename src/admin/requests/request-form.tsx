import { useState } from 'react'
import DateField from '@/components/date-field'
import FormField from '@/components/form-field'
import FormFrame from '@/components/form-frame'
import OptionList from '@/components/option-list'
import TextAreaField from '@/components/text-area-field'
import { adminActions, PERSON_REQUEST_KINDS } from '@/domain/api/admin'
import { shanghaiDateOf } from '@/domain/calendar'
import { problemsByField, validate } from '@/domain/validate'
import { api } from '@/api'
import { handleFailure } from '../components/failure'
import { KIND_LABELS } from './kinds'

const FIELDS = ['applicationId', 'kind', 'note', 'receivedOn'] as const
type Errors = Partial<Record<(typeof FIELDS)[number], string>>
const OPTIONS = PERSON_REQUEST_KINDS.map((code) => ({ code, label: KIND_LABELS[code] }))

/** Records a person's request about their data: the application it concerns, what they asked, when it came. */
export default function RequestForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const today = shanghaiDateOf(Date.now())
  const [form, setForm] = useState({ applicationId: '', kind: '', note: '', receivedOn: today })
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  const set = (field: keyof typeof form) => (value: string) => (setForm((f) => ({ ...f, [field]: value })), setErrors((e) => ({ ...e, [field]: undefined })))

  const submit = async () => {
    const checked = validate(adminActions.openPersonRequest.input, { ...form, applicationId: form.applicationId.trim() })
    if (!checked.ok) return setErrors(problemsByField(checked.problems))
    setBusy(true)
    const reply = await api.admin.openPersonRequest(checked.value)
    setBusy(false)
    if (!reply.ok) {
      const problem = await handleFailure(reply.error, FIELDS, () => undefined)
      return problem && setErrors({ [problem.field]: problem.message })
    }
    onDone()
  }

  return (
    <FormFrame form='open-request' title='登记个人信息请求' lead='本人提出查阅复制、更正、删除或限制处理其个人信息时登记，应在收到之日起30天内答复。' submitText='登记请求' busy={busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <FormField field='applicationId' label='申请编号' placeholder='例如：MLS-2026-000001' value={form.applicationId} maxlength={64} error={errors.applicationId} onInput={set('applicationId')} />
      <OptionList field='kind' label='请求类型' options={OPTIONS} value={form.kind} error={errors.kind} onChange={set('kind')} />
      <TextAreaField field='note' label='本人的请求' placeholder='例如：本人来电要求复制申请资料' minlength={2} maxlength={500} value={form.note} error={errors.note} onInput={set('note')} />
      <DateField field='receivedOn' label='收到日期' hint='答复期限从这一天算起' value={form.receivedOn} end={today} error={errors.receivedOn} onChange={set('receivedOn')} />
    </FormFrame>
  )
}

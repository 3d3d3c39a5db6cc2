import { useState } from 'react'
import ChoiceChips from '@/components/choice-chips'
import FormFrame from '@/components/form-frame'
import TextAreaField from '@/components/text-area-field'
import { adminActions, type PersonRequestView } from '@/domain/api/admin'
import { problemsByField, validate } from '@/domain/validate'
import { api } from '@/api'
import { handleFailure } from '../components/failure'

const FIELDS = ['status', 'outcome'] as const
type Errors = Partial<Record<(typeof FIELDS)[number], string>>
const STATUSES = [
  { code: 'done', label: '已办结' },
  { code: 'refused', label: '拒绝' },
] as const

/** Closes a request: done with what was done, or refused with the reasons (PIPL art. 50). */
export default function CloseForm({ request, onDone, onCancel }: { request: PersonRequestView; onDone: () => void; onCancel: () => void }) {
  const [status, setStatus] = useState<'done' | 'refused'>('done')
  const [outcome, setOutcome] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const checked = validate(adminActions.closePersonRequest.input, { id: request.id, version: request.version, status, outcome })
    if (!checked.ok) return setErrors(problemsByField(checked.problems))
    setBusy(true)
    const reply = await api.admin.closePersonRequest(checked.value)
    setBusy(false)
    if (!reply.ok) {
      const problem = await handleFailure(reply.error, FIELDS, onDone)
      return problem && setErrors({ [problem.field]: problem.message })
    }
    onDone()
  }

  const refused = status === 'refused'
  return (
    <FormFrame form='close-request' title='答复并办结' submitText={refused ? '拒绝并说明理由' : '办结'} busy={busy} onSubmit={() => void submit()} onCancel={onCancel}>
      <ChoiceChips field='status' label='处理结果' options={STATUSES} value={status} error={errors.status} onChange={(c) => (setStatus(c as 'done' | 'refused'), setErrors({}))} />
      <TextAreaField
        field='outcome'
        label={refused ? '拒绝理由' : '办理情况'}
        placeholder={refused ? '依据哪条规定、为什么不能办理' : '例如：已将申请资料复印件交给本人'}
        minlength={2}
        maxlength={500}
        value={outcome}
        error={errors.outcome}
        onInput={(v) => (setOutcome(v), setErrors((e) => ({ ...e, outcome: undefined })))}
      />
    </FormFrame>
  )
}

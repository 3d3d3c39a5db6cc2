import { useRef, useState } from 'react'
import FormField from '@/components/form-field'
import type { Campaign } from '@/domain/campaign'
import { problemsByField, validate } from '@/domain/validate'
import { householdsActions } from '@/domain/api/households'
import { api, newRequestId } from '@/api'
import { todayShanghai } from '@/text/household-text'
import DateField from '@/components/date-field'
import FormFrame from '@/components/form-frame'
import type { UnitRef } from '@/components/unit-picker'
import UnitsSelect from './units-select'

/** Props of the form that opens a campaign. */
export interface OpenFormProps {
  onOpened: (campaign: Campaign) => void
  onCancel: () => void
}

/** 发起户户清: a name, the period and the units in scope. */
export default function OpenForm({ onOpened, onCancel }: OpenFormProps) {
  const today = todayShanghai()
  const year = today.slice(0, 4)
  const [name, setName] = useState(`${year}年困难职工“户户清”核查`)
  const [startsOn, setStartsOn] = useState(today)
  const [endsOn, setEndsOn] = useState(`${year}-12-31`)
  const [units, setUnits] = useState<UnitRef[]>([])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const requestId = useRef(newRequestId())

  const submit = async () => {
    const input = { name, startsOn, endsOn, unitIds: units.map((u) => u.id) }
    const checked = validate(householdsActions.openCampaign.input, input)
    if (!checked.ok) return setErrors(problemsByField(checked.problems))
    setBusy(true)
    const reply = await api.households.openCampaign(input, { requestId: requestId.current })
    setBusy(false)
    if (reply.ok) return onOpened(reply.data)
    requestId.current = newRequestId()
    setErrors({ [reply.error.field ?? 'name']: reply.error.message })
  }
  const clear = (field: string) => setErrors(({ [field]: _gone, ...rest }) => rest)

  return (
    <FormFrame form='openCampaign' title='发起户户清核查' lead='范围内在活动开始时在档的家庭，都要逐户核查六清。' submitText='发起核查' busy={busy} onCancel={onCancel} onSubmit={() => void submit()}>
      <FormField field='name' label='活动名称' value={name} maxlength={40} error={errors.name} onInput={(v) => (setName(v), clear('name'))} />
      <DateField field='startsOn' label='开始日期' value={startsOn} error={errors.startsOn} onChange={(d) => (setStartsOn(d), clear('startsOn'))} />
      <DateField field='endsOn' label='结束日期' value={endsOn} error={errors.endsOn} onChange={(d) => (setEndsOn(d), clear('endsOn'))} />
      <UnitsSelect value={units} error={errors.unitIds} onChange={(u) => (setUnits(u), clear('unitIds'))} />
    </FormFrame>
  )
}

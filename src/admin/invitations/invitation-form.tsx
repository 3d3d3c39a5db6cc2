import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import FormField from '@/components/form-field'
import { adminActions, type CreatedInvitation } from '@/domain/api/admin'
import type { StaffRole } from '@/domain/roles'
import { problemsByField, validate } from '@/domain/validate'
import { api } from '@/api'
import { handleFailure } from '../components/failure'
import RoleChips from '../components/role-chips'
import type { UnitRef } from '@/components/unit-picker'
import UnitChoice from '../components/unit-choice'

type Errors = Partial<Record<'unitId' | 'roles' | 'displayName', string>>
const FIELDS = ['unitId', 'roles', 'displayName'] as const

/** Props of the invitation form. */
export interface InvitationFormProps {
  /** The unit being viewed when the admin came here ('' for their own unit): the invitation's unit until they pick another. */
  unitId: string
  onCreated: (created: CreatedInvitation) => void
}

/** Invites one person: the unit they will belong to, their roles and their name. */
export default function InvitationForm({ unitId, onCreated }: InvitationFormProps) {
  const [unit, setUnit] = useState<UnitRef | null>(null)
  const [roles, setRoles] = useState<StaffRole[]>(['caseworker'])
  const [displayName, setDisplayName] = useState('')
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)

  // The unit the admin was viewing (or their own) until they pick another.
  useEffect(() => {
    void api.admin.units(unitId ? { unitId } : {}).then((r) => r.ok && setUnit((u) => u ?? { id: r.data.unit.id, name: r.data.unit.name }))
  }, [unitId])

  const submit = async () => {
    const input = { unitId: unit?.id ?? '', roles, displayName }
    const checked = validate(adminActions.createInvitation.input, input)
    if (!checked.ok) return setErrors(problemsByField(checked.problems))
    setBusy(true)
    const reply = await api.admin.createInvitation({ unitId: checked.value.unitId, roles: checked.value.roles, displayName: checked.value.displayName })
    setBusy(false)
    if (!reply.ok) {
      const problem = await handleFailure(reply.error, FIELDS, () => undefined)
      return problem && setErrors({ [problem.field]: problem.message })
    }
    setDisplayName('')
    setErrors({})
    onCreated(reply.data)
  }

  return (
    <View className='card' data-form='invitation'>
      <Text className='card__title'>邀请工作人员</Text>
      <Text className='admin-note'>生成一次性邀请码，发给被邀请人本人。对方在蓝天帮扶中输入邀请码后，即成为所选单位的工作人员。</Text>
      <UnitChoice
        label='所在单位'
        unit={unit}
        error={errors.unitId}
        pickTitle='被邀请人所在的单位'
        onPick={(u) => {
          setUnit(u)
          setErrors((e) => ({ ...e, unitId: undefined }))
        }}
      />
      <RoleChips value={roles} error={errors.roles} onChange={(r) => (setRoles(r), setErrors((e) => ({ ...e, roles: undefined })))} />
      <FormField
        field='displayName'
        label='被邀请人姓名'
        placeholder='例如：李娟'
        value={displayName}
        maxlength={20}
        error={errors.displayName}
        onInput={(v) => (setDisplayName(v), setErrors((e) => ({ ...e, displayName: undefined })))}
      />
      <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} disabled={busy} data-action='create-invitation' onClick={() => void submit()}>
        {busy ? '正在生成…' : '生成邀请码'}
      </Button>
    </View>
  )
}

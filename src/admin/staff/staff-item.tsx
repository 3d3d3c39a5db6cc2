import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { StaffView } from '@/domain/api/admin'
import { staffRolesText, type StaffRole } from '@/domain/roles'
import { api } from '@/api'
import { formatDate } from '@/text/format'
import { confirmAdminAction, handleFailure } from '../components/failure'
import RoleChips from '../components/role-chips'

/** One staff member: unit and roles; change the roles or deactivate (an admin's own record is refused by the server). */
export default function StaffItem({ staff: s, onChanged }: { staff: StaffView; onChanged: () => void }) {
  const [editing, setEditing] = useState(false)
  const [roles, setRoles] = useState<StaffRole[]>(s.roles)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const save = async () => {
    if (roles.length === 0) return setError('请至少选择一个角色；不再担任任何角色的，请“停用”')
    setBusy(true)
    const reply = await api.admin.setStaffRoles({ openid: s.openid, version: s.version, roles })
    setBusy(false)
    if (!reply.ok) {
      const problem = await handleFailure(reply.error, ['roles'], onChanged)
      return problem ? setError(problem.message) : setEditing(false)
    }
    void Taro.showToast({ title: '角色已修改', icon: 'success' })
    setEditing(false)
    onChanged()
  }

  const deactivate = async () => {
    if (!(await confirmAdminAction('停用工作人员', `停用后，${s.displayName}将不再是工作人员，不能再办理业务；如需恢复，请重新邀请。`, '停用'))) return
    const reply = await api.admin.deactivateStaff({ openid: s.openid, version: s.version })
    if (!reply.ok) return void handleFailure(reply.error, [], onChanged)
    void Taro.showToast({ title: '已停用', icon: 'none' })
    onChanged()
  }

  return (
    <View className='card card--item admin-item' data-staff={s.displayName} data-active={String(s.active)}>
      <View className='admin-item__head'>
        <Text className='admin-item__name'>{s.displayName}</Text>
        <Text className={s.active ? 'status-pill' : 'status-pill status-pill--closed'}>{s.active ? '在岗' : '已停用'}</Text>
      </View>
      <Text className='admin-item__line'>{s.unitName}</Text>
      <Text className='admin-item__line' data-roles={s.roles.join(',')}>
        角色：{staffRolesText(s.roles) || '无'}
      </Text>
      {s.boundAt && <Text className='admin-item__line'>登记：{formatDate(s.boundAt)}</Text>}
      {s.active && !editing && (
        <View className='admin-item__actions'>
          <Button className='btn btn--secondary btn--small' data-action='edit-roles' onClick={() => (setEditing(true), setRoles(s.roles), setError(''))}>
            修改角色
          </Button>
          <Button className='btn btn--danger btn--small' data-action='deactivate' onClick={() => void deactivate()}>
            停用
          </Button>
        </View>
      )}
      {editing && (
        <View className='staff__roles' data-form='roles'>
          <RoleChips value={roles} error={error} onChange={(r) => (setRoles(r), setError(''))} />
          <View className='admin-item__actions'>
            <Button className={busy ? 'btn btn--primary btn--small btn--busy' : 'btn btn--primary btn--small'} disabled={busy} data-action='save-roles' onClick={() => void save()}>
              保存角色
            </Button>
            <Button className='btn btn--secondary btn--small' onClick={() => setEditing(false)}>
              取消
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}

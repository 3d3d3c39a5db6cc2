import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { InvitationView } from '@/domain/api/admin'
import { staffRolesText } from '@/domain/roles'
import { api } from '@/api'
import { formatDateTime } from '@/text/format'
import { confirmAdminAction, handleFailure } from '../components/failure'

/** How each invitation status reads. */
export const INVITATION_STATUS_TEXT: Record<InvitationView['status'], string> = { open: '待使用', used: '已使用', revoked: '已撤销', expired: '已过期' }

/** One invitation: for whom, where, which roles, its status; an open one can be revoked. */
export function InvitationItem({ invitation: i, onChanged }: { invitation: InvitationView; onChanged: () => void }) {
  const revoke = async () => {
    if (!(await confirmAdminAction('撤销邀请码', `撤销后，${i.displayName}将无法再用这个邀请码登记。`, '撤销'))) return
    const reply = await api.admin.revokeInvitation({ invitationId: i.invitationId })
    if (!reply.ok) return void handleFailure(reply.error, [], onChanged)
    void Taro.showToast({ title: '已撤销', icon: 'none' })
    onChanged()
  }
  return (
    <View className='card card--item admin-item' data-invitation-id={i.invitationId} data-status={i.status}>
      <View className='admin-item__head'>
        <Text className='admin-item__name'>{i.displayName}</Text>
        <Text className={`status-pill status-pill--invitation-${i.status}`}>{INVITATION_STATUS_TEXT[i.status]}</Text>
      </View>
      <Text className='admin-item__line'>
        {i.unitName} · {staffRolesText(i.roles)}
      </Text>
      <Text className='admin-item__line'>生成：{formatDateTime(i.createdAt)}</Text>
      <Text className='admin-item__line'>{i.usedAt ? `使用：${formatDateTime(i.usedAt)}` : `有效期至：${formatDateTime(i.expiresAt)}`}</Text>
      {i.status === 'open' && (
        <View className='admin-item__actions'>
          <Button className='btn btn--danger btn--small' data-action='revoke' onClick={() => void revoke()}>
            撤销
          </Button>
        </View>
      )}
    </View>
  )
}

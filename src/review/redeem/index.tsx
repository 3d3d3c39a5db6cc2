import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/form-field'
import type { RedeemedInvitation } from '@/domain/api/account'
import type { StaffRole } from '@/domain/roles'
import { api } from '@/api'
import { pageClass, useLargeText } from '@/hooks/use-large-text'
import { ROUTES } from '@/routes'
import './index.css'

const ROLE_LABELS: Record<StaffRole, string> = {
  caseworker: '初审和入户调查（工会工作人员）',
  reviewer: '审核、公示和建档（帮扶中心）',
  admin: '系统管理（工会管理员）',
}

/** 工作人员绑定: a staff member enters the one-time code an admin gave them, and sees what it made of them. */
export default function RedeemPage() {
  const [largeText] = useLargeText()
  const [code, setCode] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<RedeemedInvitation | null>(null)

  const submit = async () => {
    if (busy) return
    if (!code.trim()) return setError('请输入邀请码')
    setBusy(true)
    const reply = await api.account.redeemInvitation({ code })
    setBusy(false)
    if (!reply.ok) return setError(reply.error.message)
    setDone(reply.data)
  }

  if (done) {
    const works = done.roles.some((r) => r === 'caseworker' || r === 'reviewer')
    return (
      <View className={pageClass(largeText, 'redeem')}>
        <View className='card redeem__done' data-redeemed>
          <Text className='redeem__ok'>绑定成功</Text>
          <Text className='redeem__caption'>所在单位</Text>
          <Text className='redeem__unit' data-unit>
            {done.unitName}
          </Text>
          <Text className='redeem__caption'>工作职责</Text>
          {done.roles.map((r) => (
            <Text key={r} className='redeem__role' data-role={r}>
              · {ROLE_LABELS[r]}
            </Text>
          ))}
        </View>
        {works && (
          <Button className='btn btn--primary' data-action='open-queue' onClick={() => void Taro.redirectTo({ url: ROUTES.reviewQueue() })}>
            进入审核工作台
          </Button>
        )}
        <Button className='btn btn--secondary' onClick={() => void Taro.reLaunch({ url: ROUTES.home })}>
          返回首页
        </Button>
      </View>
    )
  }

  return (
    <View className={pageClass(largeText, 'redeem')}>
      <View className='card'>
        <Text className='card__title'>输入邀请码</Text>
        <Text className='redeem__lead'>邀请码由工会管理员发给您，只能使用一次。绑定后，本微信账号即可办理所在工会辖区内的帮扶申请。</Text>
        <FormField
          field='code'
          label='邀请码'
          placeholder='例如 ABCD-EFGH-JKMN'
          maxlength={32}
          value={code}
          error={error}
          onInput={(v) => {
            setCode(v.toUpperCase())
            setError('')
          }}
        />
        <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} data-action='redeem' disabled={busy} loading={busy} onClick={() => void submit()}>
          {/* In a Text, not bare: see FormFrame (a changing bare label breaks Taro's H5 loading button). */}
          <Text>{busy ? '正在绑定…' : '绑定'}</Text>
        </Button>
      </View>
      <Text className='redeem__help muted'>普通职工无需绑定，直接使用首页的各项功能即可。</Text>
    </View>
  )
}

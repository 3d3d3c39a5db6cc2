import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/form-field'
import { api } from '@/api'
import { ROUTES } from '@/routes'

/**
 * 认领申请: a worker whose application was typed by a caseworker or a relative enters the code
 * written on their paper; the application moves into this WeChat and its messages come here.
 */
export default function TakeOverCard({ onTaken }: { onTaken: () => void }) {
  const [open, setOpen] = useState(false)
  const [code, setCode] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (busy) return
    if (!code.trim()) return setError('请输入认领码')
    setBusy(true)
    const reply = await api.applicant.takeOver({ code })
    setBusy(false)
    if (!reply.ok) return setError(reply.error.message)
    void Taro.showToast({ title: '认领成功', icon: 'success' })
    onTaken()
    void Taro.navigateTo({ url: ROUTES.application(reply.data.id) })
  }

  if (!open) {
    return (
      <Button className='btn btn--secondary' data-action='open-take-over' onClick={() => setOpen(true)}>
        工会或家人代我申请的，输入认领码
      </Button>
    )
  }
  return (
    <View className='card' data-card='take-over'>
      <Text className='card__title'>认领申请</Text>
      <Text className='muted'>请输入工会工作人员写在纸条上的认领码。认领后，申请会转到您本人的微信，办理进度会发给您。</Text>
      <FormField
        field='code'
        label='认领码'
        placeholder='例如 ABCD-EFGH-JKMN'
        maxlength={20}
        value={code}
        error={error}
        onInput={(v) => {
          setCode(v.toUpperCase())
          setError('')
        }}
      />
      <Button className='btn btn--primary' data-action='take-over' disabled={busy} loading={busy} onClick={() => void submit()}>
        认领
      </Button>
    </View>
  )
}

import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/form-field'
import { api } from '@/api'
import { handleFailure } from '../components/failure'

/** Adds a unit under the one on screen. */
export default function NewChild({ parentId, onCreated }: { parentId: string; onCreated: () => void }) {
  const [name, setName] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)

  const create = async () => {
    if (busy) return
    setBusy(true)
    const reply = await api.admin.createUnit({ parentId, name })
    setBusy(false)
    if (!reply.ok) return setError((await handleFailure(reply.error, ['name', 'parentId'], onCreated))?.message ?? '')
    setName('')
    void Taro.showToast({ title: '已添加', icon: 'success' })
    onCreated()
  }

  return (
    <View className='admin-units__new' data-form='new-unit'>
      <FormField
        field='name'
        label='添加下级单位'
        placeholder='例如：弥勒市某某公司工会'
        value={name}
        maxlength={40}
        error={error}
        onInput={(v) => {
          setName(v)
          setError('')
        }}
      />
      <Button className={busy ? 'btn btn--primary btn--busy' : 'btn btn--primary'} disabled={busy} data-action='create-unit' onClick={() => void create()}>
        添加
      </Button>
    </View>
  )
}

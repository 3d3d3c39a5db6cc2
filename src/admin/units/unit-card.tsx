import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import FormField from '@/components/form-field'
import type { UnitListing } from '@/domain/api/admin'
import { api } from '@/api'
import { handleFailure } from '../components/failure'
import type { UnitRef } from '@/components/unit-picker'
import UnitPickerCard from '@/components/unit-picker/card'
import { adminUnits } from '@/components/unit-picker/sources'

type Mode = 'view' | 'rename' | 'move'

/** The unit on screen: its name and place; rename it, or move it under another unit (not the admin's own unit). */
export default function UnitCard({ listing, onChanged }: { listing: UnitListing; onChanged: () => void }) {
  const { unit, ancestors } = listing
  const [mode, setMode] = useState<Mode>('view')
  const [name, setName] = useState(unit.name)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const isOwn = ancestors.length === 0

  const rename = async () => {
    setBusy(true)
    const reply = await api.admin.renameUnit({ unitId: unit.id, version: unit.version, name })
    setBusy(false)
    if (!reply.ok) return setError((await handleFailure(reply.error, ['name'], onChanged))?.message ?? '')
    void Taro.showToast({ title: '已改名', icon: 'success' })
    onChanged()
  }

  const move = async (to: UnitRef) => {
    const reply = await api.admin.moveUnit({ unitId: unit.id, version: unit.version, parentId: to.id })
    if (!reply.ok) return setError((await handleFailure(reply.error, ['parentId'], onChanged))?.message ?? '')
    void Taro.showToast({ title: `已移到${to.name}之下`, icon: 'none' })
    onChanged()
  }

  const switchTo = (next: Mode) => {
    setMode(next)
    setError('')
    setName(unit.name)
  }

  return (
    <View>
      <View className='card' data-unit-card={unit.id}>
        <Text className='admin-units__name'>{unit.name}</Text>
        <Text className='admin-item__line'>{isOwn ? '您所在的单位（管辖范围的最上级）' : `上级单位：${ancestors[ancestors.length - 1].name}`}</Text>
        {mode === 'view' && (
          <View className='admin-item__actions'>
            <Button className='btn btn--secondary btn--small' data-action='rename' onClick={() => switchTo('rename')}>
              改名
            </Button>
            {!isOwn && (
              <Button className='btn btn--secondary btn--small' data-action='move' onClick={() => switchTo('move')}>
                移到其他单位下
              </Button>
            )}
          </View>
        )}
        {mode === 'rename' && (
          <View className='admin-units__form' data-form='rename'>
            <FormField field='name' label='新名称' value={name} maxlength={40} error={error} onInput={(v) => (setName(v), setError(''))} />
            <View className='admin-item__actions'>
              <Button className={busy ? 'btn btn--primary btn--small btn--busy' : 'btn btn--primary btn--small'} disabled={busy} data-action='save-name' onClick={() => void rename()}>
                保存名称
              </Button>
              <Button className='btn btn--secondary btn--small' onClick={() => switchTo('view')}>
                取消
              </Button>
            </View>
          </View>
        )}
      </View>
      {mode === 'move' && (
        <UnitPickerCard
          mode='browse'
          load={adminUnits}
          title={`把“${unit.name}”移到哪个单位之下`}
          pickText='移到这里'
          excludeId={unit.id}
          error={error}
          onPick={(to) => void move(to)}
          onCancel={() => switchTo('view')}
        />
      )}
    </View>
  )
}

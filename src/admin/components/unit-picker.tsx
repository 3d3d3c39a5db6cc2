import { Button, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { UnitListing } from '@/domain/api/admin'
import { api } from '@/api'
import './unit-picker.css'

/** A unit the admin picked. */
export interface PickedUnit {
  id: string
  name: string
}

/** Props of the unit picker. */
export interface UnitPickerProps {
  /** What the picker is for, e.g. 选择新的上级单位. */
  title: string
  /** Where it opens (default: the admin's own unit). */
  startId?: string
  /** The button that picks the unit on screen, e.g. 移到这里. */
  pickText: string
  /** A unit that cannot be picked nor entered (the unit being moved: not under itself). */
  excludeId?: string
  /** A message for the picker as a whole (the server's, about the pick). */
  error?: string
  onPick: (unit: PickedUnit) => void
  onCancel: () => void
}

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; listing: UnitListing }

/** Picks a unit of the admin's jurisdiction by going down the tree a level at a time. */
export default function UnitPicker({ title, startId, pickText, excludeId, error, onPick, onCancel }: UnitPickerProps) {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const open = async (unitId?: string) => {
    setState({ kind: 'loading' })
    const reply = await api.admin.units(unitId ? { unitId } : {})
    setState(reply.ok ? { kind: 'ready', listing: reply.data } : { kind: 'error', message: reply.error.message })
  }
  useEffect(() => {
    void open(startId)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- opens once where asked
  }, [])

  return (
    <View className='card unit-picker' data-picker='unit'>
      <Text className='card__title'>{title}</Text>
      {state.kind === 'loading' && <Text className='admin-note'>正在加载…</Text>}
      {state.kind === 'error' && <Text className='field-error'>{state.message}</Text>}
      {state.kind === 'ready' && <Level listing={state.listing} excludeId={excludeId} pickText={pickText} onOpen={(id) => void open(id)} onPick={onPick} />}
      {error && (
        <Text className='field-error' data-field='parentId'>
          {error}
        </Text>
      )}
      <Button className='btn btn--secondary btn--small unit-picker__cancel' onClick={onCancel}>
        取消
      </Button>
    </View>
  )
}

function Level({ listing, excludeId, pickText, onOpen, onPick }: { listing: UnitListing; excludeId?: string; pickText: string; onOpen: (id: string) => void; onPick: (u: PickedUnit) => void }) {
  const { unit, ancestors, children } = listing
  return (
    <View data-unit-id={unit.id}>
      {ancestors.length > 0 && (
        <View className='unit-trail'>
          {ancestors.map((a) => (
            <Text key={a.id} className='unit-trail__crumb' data-crumb={a.id} onClick={() => onOpen(a.id)}>
              {a.name}
              <Text className='unit-trail__sep'>›</Text>
            </Text>
          ))}
        </View>
      )}
      <View className='unit-picker__here'>
        <Text className='unit-picker__name'>{unit.name}</Text>
        {unit.id !== excludeId && (
          <Button className='btn btn--primary btn--small' data-action='pick' onClick={() => onPick({ id: unit.id, name: unit.name })}>
            {pickText}
          </Button>
        )}
      </View>
      {children.length > 0 && <Text className='admin-note unit-picker__below'>下级单位（点击进入）</Text>}
      {children
        .filter((c) => c.id !== excludeId)
        .map((c) => (
          <View key={c.id} className='unit-picker__child' hoverClass='entry-tile--pressed' data-child={c.id} onClick={() => onOpen(c.id)}>
            <Text>{c.name}</Text>
            <Text className='unit-picker__chevron'>›</Text>
          </View>
        ))}
    </View>
  )
}

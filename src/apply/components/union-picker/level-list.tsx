import { Button, Text, View } from '@tarojs/components'
import { Fragment, useEffect, useState } from 'react'
import type { UnitLevel } from '@/domain/api/applicant'
import { api } from '@/api'
import { rememberNames } from './unit-names'

/** Where a level of the union tree is asked for: the top (`{}`), below a unit, or the level holding a chosen unit. */
type UnitLevelAt = Record<string, never> | { parentId: string } | { unitId: string }

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; level: UnitLevel }

/** Props of one level of the tree on screen. */
export interface LevelListProps {
  field: string
  label: string
  /** The chosen unit: the list opens at its level and marks it. */
  value: string
  onPick: (unitId: string) => void
}

/** A level of the union tree: tap a union to choose it, 下级 to go down, a crumb to go back up. */
export default function LevelList({ field, label, value, onPick }: LevelListProps) {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const open = async (at: UnitLevelAt) => {
    setState({ kind: 'loading' })
    const reply = await api.applicant.units(at)
    // A chosen unit that is gone (renamed away, merged) opens the top level instead.
    if (!reply.ok && 'unitId' in at) return open({})
    if (!reply.ok) return setState({ kind: 'error', message: reply.error.message })
    rememberNames(reply.data)
    setState({ kind: 'ready', level: reply.data })
  }
  useEffect(() => {
    void open(value ? { unitId: value } : {})
    // eslint-disable-next-line react-hooks/exhaustive-deps -- opens once, where the choice was made
  }, [])

  if (state.kind === 'loading') return <Text className='union-picker__state'>正在加载工会列表…</Text>
  if (state.kind === 'error') {
    return (
      <View className='union-picker__state'>
        <Text>{state.message}</Text>
        <Button className='btn btn--secondary btn--small' onClick={() => void open({})}>
          重新加载
        </Button>
      </View>
    )
  }
  const { trail, items } = state.level
  return (
    <View>
      {trail.length > 0 && (
        <View className='union-picker__trail' data-trail={trail.map((u) => u.id).join('/')}>
          <Text className='union-picker__crumb' data-crumb='top' onClick={() => void open({})}>
            全部
          </Text>
          {trail.map((u, i) => (
            <Fragment key={u.id}>
              <Text className='union-picker__sep'>›</Text>
              <Text className={i === trail.length - 1 ? 'union-picker__crumb union-picker__crumb--here' : 'union-picker__crumb'} data-crumb={u.id} onClick={() => void open({ parentId: u.id })}>
                {u.name}
              </Text>
            </Fragment>
          ))}
        </View>
      )}
      <View className='union-picker__list' data-field={field} role='radiogroup' aria-label={label}>
        {items.map((u) => {
          const on = u.id === value
          return (
            <View key={u.id} className='union-picker__row'>
              <View className={on ? 'union-picker__option union-picker__option--on' : 'union-picker__option'} data-value={u.id} role='radio' aria-checked={on} onClick={() => onPick(u.id)}>
                <Text>{on ? `✓ ${u.name}` : u.name}</Text>
              </View>
              {u.hasChildren && (
                <View className='union-picker__down' data-down={u.id} aria-label={`${u.name}的下级工会`} onClick={() => void open({ parentId: u.id })}>
                  <Text>下级 ›</Text>
                </View>
              )}
            </View>
          )
        })}
        {items.length === 0 && <Text className='union-picker__state'>没有下级工会</Text>}
      </View>
    </View>
  )
}

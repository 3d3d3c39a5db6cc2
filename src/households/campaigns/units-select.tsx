import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import FieldError from '@/components/field-error'
import type { UnitListing } from '@/domain/api/admin'
import { api } from '@/api'

/** A unit chosen for the scope. */
export interface ScopeUnit {
  id: string
  name: string
}

/** Props of the scope's unit choice. */
export interface UnitsSelectProps {
  value: ScopeUnit[]
  error?: string
  onChange: (units: ScopeUnit[]) => void
}

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; listing: UnitListing }

/** Several units of the admin's jurisdiction (each with its subtree), a level of the tree at a time. */
export default function UnitsSelect({ value, error, onChange }: UnitsSelectProps) {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const open = async (unitId?: string) => {
    const reply = await api.admin.units(unitId ? { unitId } : {})
    setState(reply.ok ? { kind: 'ready', listing: reply.data } : { kind: 'error', message: reply.error.message })
  }
  useEffect(() => {
    void open()
  }, [])
  const chosen = new Set(value.map((u) => u.id))
  const toggle = (u: ScopeUnit) => onChange(chosen.has(u.id) ? value.filter((x) => x.id !== u.id) : [...value, u])

  return (
    <View className={error ? 'hh-field hh-field--invalid' : 'hh-field'} id='field-unitIds'>
      <Text className='hh-field__label'>核查范围</Text>
      <Text className='hh-field__hint'>选中的单位连同其下级单位一并核查</Text>
      {state.kind === 'loading' && <Text className='hh-empty'>正在加载单位…</Text>}
      {state.kind === 'error' && <Text className='field-error'>{state.message}</Text>}
      {state.kind === 'ready' && (
        <View data-field='unitIds' data-level={state.listing.unit.id}>
          {state.listing.ancestors.length > 0 && (
            <View className='hh-trail'>
              {state.listing.ancestors.map((a) => (
                <Text key={a.id} className='hh-trail__crumb' data-crumb={a.id} onClick={() => void open(a.id)}>
                  {a.name} ›
                </Text>
              ))}
            </View>
          )}
          {[state.listing.unit, ...state.listing.children].map((u, i) => (
            <View key={u.id} className={chosen.has(u.id) ? 'hh-option hh-option--square hh-option--on' : 'hh-option hh-option--square'} role='checkbox' aria-checked={chosen.has(u.id)} data-value={u.id} onClick={() => toggle({ id: u.id, name: u.name })}>
              <View className='hh-option__mark' />
              <Text className='hh-option__text'>{i === 0 ? `${u.name}（全部）` : u.name}</Text>
              {i > 0 && (
                <Text
                  className='hh-option__down'
                  data-down={u.id}
                  onClick={(e) => {
                    e.stopPropagation()
                    void open(u.id)
                  }}
                >
                  下级 ›
                </Text>
              )}
            </View>
          ))}
        </View>
      )}
      {value.length > 0 && <Text className='hh-field__hint hh-scope'>已选：{value.map((u) => u.name).join('、')}</Text>}
      <FieldError field='unitIds' message={error} />
    </View>
  )
}

import { Button, Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import type { ApiReply } from '@/domain/contract'
import { OptionRow } from '../option-list'
import { UnitLink, UnitTrail, type UnitRef } from './trail'
import './index.css'
import { containerRole, pressable } from '@/components/pressable'

export { UnitLink, UnitTrail, type UnitRef }

/** One level of the union tree as the picker shows it. */
export interface UnitLevelView {
  /** The way down to `here`, from the top (`here` not included). */
  trail: UnitRef[]
  /** The unit whose children are listed; null at the top of a tree with several roots. */
  here: UnitRef | null
  items: (UnitRef & { hasChildren: boolean })[]
}

/** Where to open: below a unit, at the level holding a unit, or (neither) at the top. */
export type UnitLevelAt = { below: string } | { around: string } | Record<string, never>

/**
 * How the rows behave. `browse`: a tap goes down a level, and the unit on screen is picked with
 * a button. `one` / `many`: rows are a radio / checkbox choice, and 下级 goes down.
 */
export type UnitPickMode = 'browse' | 'one' | 'many'

/** Props of the unit picker. */
export interface UnitPickerProps {
  /** Reads a level of the tree (the caller's function: the worker's unions or the admin's jurisdiction). */
  load: (at: UnitLevelAt) => Promise<ApiReply<UnitLevelView>>
  mode: UnitPickMode
  /** Opens at the level holding this unit (default: the top). */
  startId?: string
  /** The chosen units (`one` / `many`), marked on their rows. */
  chosen?: readonly string[]
  onPick: (unit: UnitRef) => void
  /** `browse`: the button that picks the unit on screen, e.g. 移到这里. */
  pickText?: string
  /** A unit that cannot be picked nor entered (the unit being moved: not under itself). */
  excludeId?: string
  /** `many`: the level's own unit is a row too, "X（全部）". */
  includeHere?: boolean
  /** A first crumb 全部 back to the top. */
  topCrumb?: boolean
  /** `data-field` and the accessible name of the rows. */
  field?: string
  label?: string
}

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; level: UnitLevelView }

/** Picks a unit (or several) of a union tree by going down it a level at a time. */
export default function UnitPicker(props: UnitPickerProps) {
  const { mode, chosen = [], onPick, pickText, excludeId, includeHere, topCrumb, field, label } = props
  const [state, setState] = useState<State>({ kind: 'loading' })
  const seq = useRef(0)
  const open = async (at: UnitLevelAt) => {
    const mine = ++seq.current
    setState({ kind: 'loading' })
    const reply = await props.load(at)
    if (mine !== seq.current) return
    // A unit to open at that is gone (renamed away, merged) opens the top level instead.
    if (!reply.ok && 'around' in at) return open({})
    setState(reply.ok ? { kind: 'ready', level: reply.data } : { kind: 'error', message: reply.error.message })
  }
  useEffect(() => {
    void open(props.startId ? { around: props.startId } : {})
    // eslint-disable-next-line react-hooks/exhaustive-deps -- opens once, where it was asked to
  }, [])

  if (state.kind === 'loading') return <Text className='unit-picker__state'>正在加载单位…</Text>
  if (state.kind === 'error') {
    return (
      <View className='unit-picker__state'>
        <Text className='field-error'>{state.message}</Text>
        <Button className='btn btn--secondary btn--small' onClick={() => void open({})}>
          重新加载
        </Button>
      </View>
    )
  }
  const { trail, here, items } = state.level
  const below = (id: string) => void open({ below: id })
  const rows = (includeHere && here ? [{ ...here, hasChildren: false, isHere: true }, ...items] : items).filter((u) => u.id !== excludeId)
  return (
    <View data-unit-id={here?.id ?? ''} data-level={here?.id ?? 'top'}>
      <UnitTrail trail={trail} here={mode === 'one' ? here : null} onOpen={below} onTop={topCrumb ? () => void open({}) : undefined} />
      {mode === 'browse' && here && (
        <View className='unit-picker__here'>
          <Text className='unit-picker__name'>{here.name}</Text>
          {here.id !== excludeId && (
            <Button className='btn btn--primary btn--small' data-action='pick' onClick={() => onPick(here)}>
              {pickText}
            </Button>
          )}
        </View>
      )}
      {mode === 'browse' ? (
        <View>
          {rows.length > 0 && <Text className='unit-picker__below'>下级单位（点击进入）</Text>}
          {rows.map((u) => (
            <UnitLink key={u.id} unit={u} onOpen={below} />
          ))}
        </View>
      ) : (
        <View data-field={field} {...containerRole(mode === 'one' ? 'radiogroup' : 'group', label)}>
          {rows.map((u) => (
            // The row and its 下级 side by side: a control inside a control is not reachable on its own.
            <View key={u.id} className='unit-picker__row'>
              <OptionRow
                label={'isHere' in u ? `${u.name}（全部）` : u.name}
                role={mode === 'one' ? 'radio' : 'checkbox'}
                on={chosen.includes(u.id)}
                onTap={() => onPick({ id: u.id, name: u.name })}
                data={{ 'data-value': u.id }}
              />
              {u.hasChildren && (
                <Text className='unit-picker__down' data-down={u.id} {...pressable(`下级：${u.name}的下级单位`)} onClick={() => below(u.id)}>
                  下级<Text aria-hidden> ›</Text>
                </Text>
              )}
            </View>
          ))}
          {rows.length === 0 && <Text className='unit-picker__state'>没有下级单位</Text>}
        </View>
      )}
    </View>
  )
}

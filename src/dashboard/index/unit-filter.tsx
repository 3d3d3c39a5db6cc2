import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import Chip from '@/components/chip'

/** A unit the figures may be limited to. */
export interface UnitOption {
  id: string
  name: string
}

/** Props of the unit filter. */
export interface UnitFilterProps {
  /** The whole jurisdiction's name (the caller's unit). */
  allName: string
  units: UnitOption[]
  value: string
  onChange: (unitId: string) => void
}

/** The whole jurisdiction, or one unit under it (with its subtree): one line until 更改 opens the list. */
export default function UnitFilter({ allName, units, value, onChange }: UnitFilterProps) {
  const [open, setOpen] = useState(false)
  if (units.length === 0) return null
  const current = units.find((u) => u.id === value)?.name ?? `全部（${allName}）`
  const pick = (id: string) => {
    setOpen(false)
    if (id !== value) onChange(id)
  }
  return (
    <View className='card dash-units' data-filter='unit' data-open={open}>
      <View className='dash-units__head'>
        <Text className='dash-units__current'>
          <Text className='dash-label'>统计范围</Text>
          {current}
        </Text>
        <Button className='btn btn--secondary btn--small' data-action='change-unit' onClick={() => setOpen(!open)}>
          {open ? '收起' : '更改'}
        </Button>
      </View>
      {open && (
        <View className='chip-row dash-units__list'>
          <Chip label={`全部（${allName}）`} role='radio' on={value === ''} onTap={() => pick('')} data={{ 'data-unit': 'all' }} />
          {units.map((u) => (
            <Chip key={u.id} label={u.name} role='radio' on={value === u.id} onTap={() => pick(u.id)} data={{ 'data-unit': u.id }} />
          ))}
        </View>
      )}
    </View>
  )
}

import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import Field from '@/components/field'
import UnitPicker from '@/components/unit-picker'
import { namedWorkerUnits, useUnitName } from './unit-names'
import './index.css'

/** Props of the union picker. */
export interface UnionPickerProps {
  /** The field path: `data-field` on the list, and the id the page scrolls to. */
  field: string
  label: string
  /** The chosen unit's id, '' for none. */
  value: string
  hint?: string
  error?: string
  marked?: boolean
  onChange: (unitId: string) => void
}

/**
 * The worker's union, anywhere in the tree. Once chosen it is one line with 更改; to choose, the
 * tree opens a level at a time (at the chosen union's level), and closes again on a choice.
 */
export default function UnionPicker({ field, label, value, hint, error, marked, onChange }: UnionPickerProps) {
  const [browsing, setBrowsing] = useState(!value)
  const chosenName = useUnitName(value)
  // A problem with the choice (none made, or one the server refused) shows the tree at once.
  const open = browsing || !value || Boolean(error)
  return (
    <Field field={field} label={label} hint={hint} error={error} marked={marked}>
      {value && (
        <View className='union-picker__chosen'>
          <Text className='union-picker__chosen-name' data-chosen={value}>
            {chosenName ? `已选：${chosenName}` : '已选'}
          </Text>
          {!open && (
            <Button className='btn btn--secondary btn--small union-picker__change' data-action='change-union' onClick={() => setBrowsing(true)}>
              更改
            </Button>
          )}
        </View>
      )}
      {open && (
        <View className='union-picker__tree'>
          <UnitPicker
            mode='one'
            load={namedWorkerUnits}
            startId={value || undefined}
            topCrumb
            chosen={[value]}
            field={field}
            label={label}
            onPick={(u) => {
              onChange(u.id)
              setBrowsing(false)
            }}
          />
        </View>
      )}
    </Field>
  )
}

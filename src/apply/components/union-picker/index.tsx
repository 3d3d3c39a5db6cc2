import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import FieldError from '@/components/field-error'
import LevelList from './level-list'
import { useUnitName } from './unit-names'
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

  const classes = ['union-picker', error ? 'union-picker--invalid' : '', marked ? 'union-picker--marked' : ''].filter(Boolean).join(' ')
  return (
    <View className={classes} id={`field-${field.replace(/\./g, '-')}`}>
      <View className='union-picker__head'>
        <Text className='union-picker__label'>{label}</Text>
        {marked && <Text className='form-field__mark'>需修改</Text>}
      </View>
      {hint && <Text className='union-picker__hint'>{hint}</Text>}
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
        <LevelList
          field={field}
          label={label}
          value={value}
          onPick={(id) => {
            onChange(id)
            setBrowsing(false)
          }}
        />
      )}
      <FieldError field={field} message={error} />
    </View>
  )
}

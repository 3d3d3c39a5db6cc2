import { Button, Text, View } from '@tarojs/components'
import { useState } from 'react'
import Field from '@/components/field'
import type { UnitRef } from '@/components/unit-picker'
import UnitPickerCard from '@/components/unit-picker/card'
import { adminUnits } from '@/components/unit-picker/sources'

/** Props of a unit chosen in the admin's jurisdiction. */
export interface UnitChoiceProps {
  label: string
  hint?: string
  /** The unit chosen; null while it loads. */
  unit: UnitRef | null
  error?: string
  /** What the picker asks, e.g. 站点所属的单位. */
  pickTitle: string
  onPick: (unit: UnitRef) => void
}

/** A form's unit: its name with 选择单位 beside it, which opens the kit's unit picker over the admin's jurisdiction. */
export default function UnitChoice({ label, hint, unit, error, pickTitle, onPick }: UnitChoiceProps) {
  const [picking, setPicking] = useState(false)
  return (
    <>
      <Field field='unitId' dataField='unitId' label={label} hint={hint} error={error}>
        <View className='admin-unit'>
          <Text className='admin-unit__name' data-unit={unit?.id ?? ''}>
            {unit?.name ?? '正在加载…'}
          </Text>
          {!picking && (
            <Button className='btn btn--secondary btn--small' data-action='pick-unit' onClick={() => setPicking(true)}>
              选择单位
            </Button>
          )}
        </View>
      </Field>
      {picking && (
        <UnitPickerCard
          mode='browse'
          load={adminUnits}
          title={pickTitle}
          startId={unit?.id}
          pickText='选这个单位'
          onPick={(u) => {
            setPicking(false)
            onPick(u)
          }}
          onCancel={() => setPicking(false)}
        />
      )}
    </>
  )
}

import { Text } from '@tarojs/components'
import Field from '@/components/field'
import UnitPicker, { type UnitRef } from '@/components/unit-picker'
import { adminUnits } from '@/components/unit-picker/sources'

/** Props of the scope's unit choice. */
export interface UnitsSelectProps {
  value: UnitRef[]
  error?: string
  onChange: (units: UnitRef[]) => void
}

/** Several units of the admin's jurisdiction (each with its subtree), a level of the tree at a time. */
export default function UnitsSelect({ value, error, onChange }: UnitsSelectProps) {
  const toggle = (u: UnitRef) => onChange(value.some((x) => x.id === u.id) ? value.filter((x) => x.id !== u.id) : [...value, u])
  return (
    <Field field='unitIds' label='核查范围' hint='选中的单位连同其下级单位一并核查' error={error}>
      <UnitPicker mode='many' load={adminUnits} includeHere chosen={value.map((u) => u.id)} onPick={toggle} field='unitIds' label='核查范围' />
      {value.length > 0 && <Text className='field__hint hh-scope'>已选：{value.map((u) => u.name).join('、')}</Text>}
    </Field>
  )
}

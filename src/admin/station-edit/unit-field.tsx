import { useEffect, useState } from 'react'
import type { UnitRef } from '@/components/unit-picker'
import { api } from '@/api'
import UnitChoice from '../components/unit-choice'

/** Props of the station's unit. */
export interface UnitFieldProps {
  /** The unit chosen; '' for a new station: the admin's own unit, which this field then fills in. */
  value: string
  error?: string
  onChange: (unitId: string) => void
}

/** 所属单位: the unit of the admin's jurisdiction the station belongs to (its admins manage it and its problem reports). */
export default function UnitField({ value, error, onChange }: UnitFieldProps) {
  const [unit, setUnit] = useState<UnitRef | null>(null)
  useEffect(() => {
    let live = true
    void api.admin.units(value ? { unitId: value } : {}).then((r) => {
      if (!live || !r.ok) return
      setUnit({ id: r.data.unit.id, name: r.data.unit.name })
      if (!value) onChange(r.data.unit.id)
    })
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the name of the unit shown; onChange only fills in the default once
  }, [value])
  return (
    <UnitChoice
      label='所属单位'
      hint='由该单位及其上级的管理员管理本站点和群众报告的问题'
      unit={unit && unit.id === value ? unit : null}
      error={error}
      pickTitle='站点所属的单位'
      onPick={(u) => {
        setUnit(u)
        onChange(u.id)
      }}
    />
  )
}

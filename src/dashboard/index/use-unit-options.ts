import { useEffect, useState } from 'react'
import type { DashboardView } from '@/domain/api/households'
import type { UnitOption } from './unit-filter'

/** The units the figures may be limited to: those under the caller's own unit, from the first dashboard (the whole jurisdiction). */
export function useUnitOptions(first: DashboardView | null): UnitOption[] {
  const [options, setOptions] = useState<UnitOption[]>([])
  useEffect(() => {
    if (first && options.length === 0) setOptions(first.units)
  }, [first, options.length])
  return options
}

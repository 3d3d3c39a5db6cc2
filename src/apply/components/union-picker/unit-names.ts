import { useEffect, useState } from 'react'
import type { UnitLevelAt, UnitLevelView } from '@/components/unit-picker'
import { workerUnits } from '@/components/unit-picker/sources'

/** Names of the units seen so far in this session, so a chosen unit is named without asking again. */
const NAMES = new Map<string, string>()

/** Keeps the names of a level's units and of its trail. */
function rememberNames(level: UnitLevelView): void {
  for (const u of [...level.trail, ...(level.here ? [level.here] : []), ...level.items]) NAMES.set(u.id, u.name)
}

/** The worker's unions, a level at a time, keeping the names seen. */
export async function namedWorkerUnits(at: UnitLevelAt) {
  const reply = await workerUnits(at)
  if (reply.ok) rememberNames(reply.data)
  return reply
}

/** The name of a chosen unit: from the units seen so far, else asked for once (the level holding it). */
export function useUnitName(unitId: string): string {
  // The name is kept with the id it names, so a render for a newly chosen unit never shows the previous name.
  const [named, setNamed] = useState(() => ({ id: unitId, name: NAMES.get(unitId) ?? '' }))
  useEffect(() => {
    const known = NAMES.get(unitId)
    setNamed({ id: unitId, name: known ?? '' })
    if (known !== undefined || !unitId) return
    let live = true
    void namedWorkerUnits({ around: unitId }).then(() => {
      if (live) setNamed({ id: unitId, name: NAMES.get(unitId) ?? '' })
    })
    return () => {
      live = false
    }
  }, [unitId])
  return named.id === unitId ? named.name : (NAMES.get(unitId) ?? '')
}

import { AppError, hasRole, type Actor } from '../../../src/domain'
import { stationOpenState } from '../../../src/domain/station'
import type { StationView } from '../../../src/domain/api/stations'
import type { Deps, StationRecord } from '../../ports'

/** Station management is for admins; the action table says so too, this keeps the use case safe on its own. */
export function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new AppError('FORBIDDEN', '只有管理员可以管理站点')
}

/** A station with whether it is open at `at`, by the deployment's public holidays. */
export function toStationView(deps: Deps, rec: StationRecord, at: Date): StationView {
  return { ...rec, openState: stationOpenState(rec, at, deps.settings.publicHolidays ?? []) }
}

export async function getStationOrFail(deps: Deps, stationId: string): Promise<StationRecord> {
  const rec = await deps.store.repos.stations.get(stationId)
  if (!rec) throw new AppError('NOT_FOUND', '没有找到这个站点')
  return rec
}

import { AppError, hasRole, type Actor } from '../../../src/domain'
import { stationOpenState } from '../../../src/domain/station'
import type { StationView } from '../../../src/domain/api/stations'
import type { Deps, Repositories, StationRecord } from '../../ports'
import { unitInJurisdiction } from '../shared/jurisdiction'

const NOT_FOUND = '没有找到这个站点'

/** Station management is for admins; the action table says so too, this keeps the use case safe on its own. */
export function requireAdmin(actor: Actor): asserts actor is Actor & { unitId: string } {
  if (!hasRole(actor, 'admin') || !actor.unitId) throw new AppError('FORBIDDEN', '只有管理员可以管理站点')
}

/** A station with whether it is open at `at`, by the deployment's public holidays. */
export function toStationView(deps: Deps, rec: StationRecord, at: Date): StationView {
  return { ...rec, openState: stationOpenState(rec, at, deps.settings.publicHolidays ?? []) }
}

export async function getStationOrFail(deps: Deps, stationId: string): Promise<StationRecord> {
  const rec = await deps.store.repos.stations.get(stationId)
  if (!rec) throw new AppError('NOT_FOUND', NOT_FOUND)
  return rec
}

/** Whether the admin's unit is at the top of the tree (the city federation), whose jurisdiction is every unit. */
async function atTop(repos: Repositories, actor: Actor & { unitId: string }): Promise<boolean> {
  return (await repos.units.get(actor.unitId))?.parentId === null
}

/**
 * Whether an admin manages a station: its unit lies in their subtree. A station whose unit is
 * gone (or never set) belongs to the top of the tree: only its admins manage it. Reads by id.
 */
export async function managesStation(repos: Repositories, actor: Actor & { unitId: string }, station: Pick<StationRecord, 'unitId'>): Promise<boolean> {
  const unit = station.unitId ? await repos.units.get(station.unitId) : null
  return unit ? unit.path.includes(actor.unitId) : atTop(repos, actor)
}

/** A station the admin manages; elsewhere (or missing) NOT_FOUND, so ids say nothing about other jurisdictions. */
export async function managedStation(deps: Deps, actor: Actor, stationId: string): Promise<StationRecord> {
  requireAdmin(actor)
  const rec = await deps.store.repos.stations.get(stationId)
  if (!rec || !(await managesStation(deps.store.repos, actor, rec))) throw new AppError('NOT_FOUND', NOT_FOUND)
  return rec
}

/** The unit a station is put in: one of the admin's jurisdiction (NOT_FOUND beside the field elsewhere), else `fallback`. */
export async function stationUnitId(repos: Repositories, actor: Actor, chosen: string | undefined, fallback: string): Promise<string> {
  if (chosen === undefined) return fallback
  if (!(await unitInJurisdiction(repos, actor, chosen))) throw new AppError('NOT_FOUND', '没有找到这个单位', 'station.unitId')
  return chosen
}

/**
 * Where an admin's station lists start: null for an admin at the top of the tree (every station,
 * those without a unit too), else their unit (the stations of its subtree, however many units). A query.
 */
export async function stationRootOf(repos: Repositories, actor: Actor): Promise<string | null> {
  requireAdmin(actor)
  return (await atTop(repos, actor)) ? null : actor.unitId
}

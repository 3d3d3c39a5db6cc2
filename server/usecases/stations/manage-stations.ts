import { isDeepStrictEqual } from 'node:util'
import { AppError, type Actor } from '../../../src/domain'
import type { ClosedStation, StationListPage, StationView } from '../../../src/domain/api/stations'
import { appExternalId, type StationFields } from '../../../src/domain/station'
import type { CallContext, Deps, Repositories, StationRecord } from '../../ports'
import { appendAudit } from '../shared/audit'
import { contentTarget, once } from '../shared/idempotency'
import { managedStation, requireAdmin, stationRootOf, stationUnitId, toStationView } from './station-access'
import { decodeCursor, encodeCursor, hasStrings } from '../shared/cursor'

const STALE = '站点信息已被他人修改，请刷新后重试'
const TAKEN = '这个外部编号已被其他站点使用'

/** Names of the fields that differ, for the audit log (values stay out of it). */
export function changedFields(before: StationFields, after: StationFields): string[] {
  return (Object.keys(after) as (keyof StationFields)[]).filter((k) => !isDeepStrictEqual(before[k], after[k]))
}

/** Fails with CONFLICT on `station.externalId` when another station holds it (a query, so outside transactions). */
async function assertExternalIdFree(deps: Deps, externalId: string, selfId: string | null): Promise<void> {
  const holder = await deps.store.repos.stations.byExternalId(externalId)
  if (holder && holder.id !== selfId) throw new AppError('CONFLICT', TAKEN, 'station.externalId')
}

/**
 * Runs a station write; a failure that turns out to be the external id taken meanwhile (a unique
 * index refused the write) becomes that CONFLICT, anything else is rethrown.
 */
async function writeStation<T>(deps: Deps, rec: StationRecord, work: (repos: Repositories) => Promise<T>): Promise<T> {
  try {
    return await deps.store.transaction(work)
  } catch (err) {
    if (err instanceof AppError) throw err
    const holder = await deps.store.repos.stations.byExternalId(rec.externalId).catch(() => null)
    if (holder && holder.id !== rec.id) throw new AppError('CONFLICT', TAKEN, 'station.externalId')
    throw err
  }
}

/** An admin creates a station in a unit of their jurisdiction (by default their own). */
export async function createStation(deps: Deps, actor: Actor, input: { station: StationFields }, ctx: CallContext): Promise<StationView> {
  requireAdmin(actor)
  const unitId = await stationUnitId(deps.store.repos, actor, input.station.unitId, actor.unitId)
  const now = deps.clock.now()
  const at = now.toISOString()
  const id = deps.ids.newId()
  const externalId = input.station.externalId ?? appExternalId(id)
  if (input.station.externalId) await assertExternalIdFree(deps, externalId, null)
  const rec: StationRecord = { ...input.station, unitId, id, externalId, sample: false, version: 1, createdAt: at, updatedAt: at }
  const scope = { actor: actor.openid, action: 'stations.create', target: contentTarget(input), requestId: ctx.requestId }
  const saved = await writeStation(deps, rec, (repos) =>
    once(repos, scope, now, async () => {
      await repos.stations.upsert(rec)
      await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'station.create', subject: id, detail: { externalId, kind: rec.kind, unitId } })
      return rec
    }),
  )
  return toStationView(deps, saved, now)
}

/** An admin edits a station of their jurisdiction, at the version they saw; it may move to another unit of it. */
export async function updateStation(
  deps: Deps,
  actor: Actor,
  input: { stationId: string; version: number; station: StationFields },
): Promise<StationView> {
  const now = deps.clock.now()
  const current = await managedStation(deps, actor, input.stationId)
  if (current.version !== input.version) throw new AppError('CONFLICT', STALE)
  const unitId = await stationUnitId(deps.store.repos, actor, input.station.unitId, current.unitId)
  const externalId = input.station.externalId ?? current.externalId
  if (externalId !== current.externalId) await assertExternalIdFree(deps, externalId, current.id)
  const fields: StationFields = { ...input.station, externalId, unitId }
  const next: StationRecord = { ...current, ...fields, externalId, unitId, version: current.version + 1, updatedAt: now.toISOString() }
  const changed = changedFields(current, fields)
  await writeStation(deps, next, async (repos) => {
    const fresh = await repos.stations.get(current.id)
    if (!fresh || fresh.version !== input.version) throw new AppError('CONFLICT', STALE)
    await repos.stations.upsert(next)
    await appendAudit(repos, deps.cipher, now, { actor: actor.openid, action: 'station.update', subject: current.id, detail: { changed } })
  })
  return toStationView(deps, next, now)
}

/** An admin closes a station of their jurisdiction for good or for a while; it leaves the finder (or shows as 暂停开放). */
export async function closeStation(
  deps: Deps,
  actor: Actor,
  input: { stationId: string; version: number; status: 'suspended' | 'closed'; reason: string },
): Promise<ClosedStation> {
  const now = deps.clock.now()
  const current = await managedStation(deps, actor, input.stationId)
  if (current.version !== input.version) throw new AppError('CONFLICT', STALE)
  const next: StationRecord = { ...current, status: input.status, version: current.version + 1, updatedAt: now.toISOString() }
  await deps.store.transaction(async (repos) => {
    const fresh = await repos.stations.get(current.id)
    if (!fresh || fresh.version !== input.version) throw new AppError('CONFLICT', STALE)
    await repos.stations.upsert(next)
    await appendAudit(repos, deps.cipher, now, {
      actor: actor.openid,
      action: 'station.close',
      subject: current.id,
      detail: { from: current.status, to: input.status, reason: input.reason },
    })
  })
  return { id: next.id, status: next.status, version: next.version }
}

/** Where the next page of stations starts: after the station with id `i`. */
const isStationPosition = (v: unknown): v is { i: string } => hasStrings(v, ['i'])

/**
 * The admin's station list: the stations of their jurisdiction, however many units (with
 * `search`, those whose name or address holds it), closed ones included, in id order, a page at a
 * time by cursor, with how many there are and their units' names.
 */
export async function listStations(deps: Deps, actor: Actor, input: { cursor?: string; pageSize: number; search?: string }): Promise<StationListPage> {
  const repos = deps.store.repos
  const under = await stationRootOf(repos, actor)
  const at = decodeCursor(input.cursor, isStationPosition)
  const search = input.search || undefined
  const now = deps.clock.now()
  const [rows, total] = await Promise.all([repos.stations.listUnder(under, at?.i ?? null, input.pageSize + 1, search), repos.stations.countUnder(under, search)])
  const items = rows.slice(0, input.pageSize).map((rec) => toStationView(deps, rec, now))
  const units = await repos.units.getMany([...new Set(items.map((s) => s.unitId))])
  const unitNames = Object.fromEntries(units.map((u) => [u.id, u.name]))
  const last = items[items.length - 1]
  return { items, unitNames, total, pageSize: input.pageSize, nextCursor: rows.length > input.pageSize ? encodeCursor({ i: last.id }) : null }
}

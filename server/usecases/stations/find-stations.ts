import type { Actor } from '../../../src/domain'
import type { NearbyResult, NearbyStation, StationView } from '../../../src/domain/api/stations'
import type { StationStatus } from '../../../src/domain/station'
import type { Deps, NearbyQuery } from '../../ports'
import { getStationOrFail, toStationView } from './station-access'

/** How many index results one `openNow` call reads at most before it returns a short page with a cursor. */
export const OPEN_NOW_SCAN_LIMIT = 1000

export interface NearbyInput {
  lng: number
  lat: number
  radiusM: number
  kinds: NearbyQuery['kinds']
  amenities: NearbyQuery['amenities']
  openNow: boolean
  cursor: number
  pageSize: number
}

/**
 * The nearest stations, nearest first. Closed stations are never listed; temporarily closed ones
 * are, marked as such, unless `openNow`.
 *
 * Without `openNow` the cursor is the offset in the index's order. With it, "open" is computed
 * here (the stores cannot know the time of day), so the use case reads the index in batches and
 * keeps the open ones; the cursor is then the index position of the next open station not yet
 * returned, so pages neither skip nor repeat a station, and no page re-reads earlier ones.
 */
export async function findNearby(deps: Deps, _actor: Actor, input: NearbyInput): Promise<NearbyResult> {
  const now = deps.clock.now()
  const statuses: StationStatus[] = input.openNow ? ['open'] : ['open', 'suspended']
  const query = { point: { lng: input.lng, lat: input.lat }, radiusM: input.radiusM, kinds: input.kinds, amenities: input.amenities, statuses }
  const toItem = (hit: { station: Parameters<typeof toStationView>[1]; distanceM: number }): NearbyStation => ({
    ...toStationView(deps, hit.station, now),
    distanceM: Math.round(hit.distanceM),
  })
  const { stations } = deps.store.repos

  if (!input.openNow) {
    const hits = await stations.nearby({ ...query, offset: input.cursor, limit: input.pageSize + 1 })
    const more = hits.length > input.pageSize
    return { items: hits.slice(0, input.pageSize).map(toItem), nextCursor: more ? input.cursor + input.pageSize : null, radiusM: input.radiusM }
  }

  const batch = Math.max(50, input.pageSize * 3)
  const items: NearbyStation[] = []
  let position = input.cursor
  for (;;) {
    const hits = await stations.nearby({ ...query, offset: position, limit: batch })
    for (let i = 0; i < hits.length; i++) {
      const item = toItem(hits[i])
      if (!item.openState.open) continue
      if (items.length === input.pageSize) return { items, nextCursor: position + i, radiusM: input.radiusM }
      items.push(item)
    }
    position += hits.length
    if (hits.length < batch) return { items, nextCursor: null, radiusM: input.radiusM }
    if (position - input.cursor >= OPEN_NOW_SCAN_LIMIT) return { items, nextCursor: position, radiusM: input.radiusM }
  }
}

/** One station, whatever its status, with whether it is open now. */
export async function getStation(deps: Deps, _actor: Actor, input: { stationId: string }): Promise<StationView> {
  return toStationView(deps, await getStationOrFail(deps, input.stationId), deps.clock.now())
}

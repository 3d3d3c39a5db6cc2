import type { GeoPoint } from '@/domain/geo'
import type { PickedPoint } from './pick-point.weapp'

export type { PickedPoint }

/** A browser has no map picker that works offline (Taro's chooseLocation is an online iframe needing a key): the page takes a pasted coordinate instead. */
export const canPickOnMap = false

export async function pickPointOnMap(_near?: GeoPoint): Promise<PickedPoint | null> {
  return null
}

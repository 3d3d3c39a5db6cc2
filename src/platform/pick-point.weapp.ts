import Taro from '@tarojs/taro'
import type { GeoPoint } from '@/domain/geo'
import { quiet } from './quiet'
import { ensurePrivacyAuthorized } from './privacy'

/** A point chosen on the map (GCJ-02) with the place's name and address as the map knows them. */
export interface PickedPoint {
  point: GeoPoint
  name: string
  address: string
}

/** WeChat's own map picker (chooseLocation, declared in app.config's requiredPrivateInfos). */
export const canPickOnMap = true

/** Opens WeChat's map to choose a point (GCJ-02); null when the admin backs out or it cannot open. */
export async function pickPointOnMap(near?: GeoPoint): Promise<PickedPoint | null> {
  if (!(await ensurePrivacyAuthorized())) return null
  return new Promise((resolve) => {
    quiet(
      Taro.chooseLocation({
        ...(near ? { longitude: near.lng, latitude: near.lat } : {}),
        success: (res) => resolve({ point: { lng: res.longitude, lat: res.latitude }, name: res.name ?? '', address: res.address ?? '' }),
        fail: () => resolve(null),
      }),
    )
  })
}

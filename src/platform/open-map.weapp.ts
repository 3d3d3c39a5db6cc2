import Taro from '@tarojs/taro'
import type { GeoPoint } from '@/domain/geo'

/** WeChat opens its own map with the place marked, and from there the phone's navigation apps. */
export const canOpenMap = true

/** Said when WeChat's map did not open (the address and coordinates show below it). */
export const MAP_FALLBACK_TEXT = '微信地图没有打开。请在手机地图里搜索上面的地址，或复制坐标后粘贴到地图的搜索框。'

/** Opens the map at a GCJ-02 point (what openLocation expects); false when WeChat refused. */
export async function openMap(place: { name: string; address: string; location: GeoPoint }): Promise<boolean> {
  try {
    await Taro.openLocation({ latitude: place.location.lat, longitude: place.location.lng, name: place.name, address: place.address, scale: 16 })
    return true
  } catch {
    return false
  }
}

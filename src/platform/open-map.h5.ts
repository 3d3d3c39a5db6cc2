import type { GeoPoint } from '@/domain/geo'

/** A browser outside WeChat has no openLocation (Taro's is a stub that looks like success): the page shows the address and coordinates to copy instead. */
export const canOpenMap = false

/** Said instead of a map in a browser. */
export const MAP_FALLBACK_TEXT = '在浏览器中无法直接打开地图。请在手机地图里搜索上面的地址，或复制坐标后粘贴到地图的搜索框。'

export async function openMap(_place: { name: string; address: string; location: GeoPoint }): Promise<boolean> {
  return false
}

import type { GeoPoint } from '@/domain/geo'

/** A browser outside WeChat has no openLocation (Taro's is a stub that looks like success): the page shows the address and coordinates to copy instead. */
export const canOpenMap = false

export async function openMap(_place: { name: string; address: string; location: GeoPoint }): Promise<boolean> {
  return false
}

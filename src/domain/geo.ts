import gcoord from 'gcoord'

/** A point on the earth in degrees. Stations are stored in GCJ-02 (what Tencent maps and `wx.getLocation({ type: 'gcj02' })` use). */
export interface GeoPoint {
  lng: number
  lat: number
}

/**
 * The earth radius for distances, in metres: MongoDB's (6378.1 km), which CloudBase's geoNear
 * uses, so the local store and the cloud report the same distances and the same order.
 */
export const EARTH_RADIUS_M = 6378100

/** The coordinate systems an imported file may state. */
export const COORD_SYSTEMS = [
  // In the words of the map apps: the system's own name means nothing to most admins.
  { code: 'gcj02', label: '高德地图、腾讯地图、微信定位' },
  { code: 'bd09', label: '百度地图' },
  { code: 'wgs84', label: '卫星定位原始坐标' },
] as const
export type CoordSystem = (typeof COORD_SYSTEMS)[number]['code']
export const COORD_SYSTEM_CODES = COORD_SYSTEMS.map((c) => c.code) as [CoordSystem, ...CoordSystem[]]

/** Mainland China, Hainan and the South China Sea islands, roughly: a point outside is almost surely a typo or swapped lng/lat. */
export const CHINA_BOUNDS = { minLng: 73.4, maxLng: 135.1, minLat: 3.8, maxLat: 53.6 } as const

export function isInChina({ lng, lat }: GeoPoint): boolean {
  const b = CHINA_BOUNDS
  return lng >= b.minLng && lng <= b.maxLng && lat >= b.minLat && lat <= b.maxLat
}

const RAD = Math.PI / 180

/** Great-circle distance in metres (haversine). */
export function distanceM(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.lat - a.lat) * RAD
  const dLng = (b.lng - a.lng) * RAD
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

const GCOORD_CRS = { gcj02: gcoord.GCJ02, wgs84: gcoord.WGS84, bd09: gcoord.BD09 } as const

/** A point given in `from` converted to GCJ-02 (outside China gcoord leaves WGS-84 and GCJ-02 alike). */
export function toGcj02(point: GeoPoint, from: CoordSystem): GeoPoint {
  if (from === 'gcj02') return { lng: point.lng, lat: point.lat }
  const [lng, lat] = gcoord.transform([point.lng, point.lat], GCOORD_CRS[from], gcoord.GCJ02) as [number, number]
  return { lng, lat }
}

/** A GCJ-02 point converted to `to` (exports state GCJ-02, so this serves tests and other tools). */
export function fromGcj02(point: GeoPoint, to: CoordSystem): GeoPoint {
  if (to === 'gcj02') return { lng: point.lng, lat: point.lat }
  const [lng, lat] = gcoord.transform([point.lng, point.lat], gcoord.GCJ02, GCOORD_CRS[to]) as [number, number]
  return { lng, lat }
}

/** A longitude/latitude box. */
export interface GeoBox {
  minLng: number
  maxLng: number
  minLat: number
  maxLat: number
}

/**
 * The smallest box holding every point within `radiusM` of `center` on the sphere (the bounding
 * coordinates of a spherical cap). Near a pole the box spans all longitudes. It does not wrap the
 * antimeridian: China is far from it.
 */
export function boxAround(center: GeoPoint, radiusM: number): GeoBox {
  const angular = radiusM / EARTH_RADIUS_M
  const dLat = angular / RAD
  const minLat = center.lat - dLat
  const maxLat = center.lat + dLat
  if (maxLat >= 90 || minLat <= -90) return { minLng: -180, maxLng: 180, minLat: Math.max(minLat, -90), maxLat: Math.min(maxLat, 90) }
  const dLng = Math.asin(Math.min(1, Math.sin(angular) / Math.cos(center.lat * RAD))) / RAD
  return { minLng: center.lng - dLng, maxLng: center.lng + dLng, minLat, maxLat }
}

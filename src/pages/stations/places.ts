import type { GeoPoint } from '@/domain/geo'

/** A place the finder can search from when the worker's position is unknown. */
export interface SearchPlace {
  code: string
  name: string
  /** GCJ-02. */
  point: GeoPoint
}

/**
 * 市中心 and Mile's 14 township units (GB/T 2260 codes, server/local/seed/mile-townships.csv).
 * The reference data has no township seats, so each point is where the demo data puts that
 * township's aid station (test/stations/search-places.test.ts keeps them in step); a union
 * deploying elsewhere replaces this list with its own districts.
 */
export const SEARCH_PLACES: readonly SearchPlace[] = [
  { code: 'centre', name: '市中心', point: { lng: 103.4365, lat: 24.4105 } },
  { code: '532504001', name: '弥阳街道', point: { lng: 103.4329, lat: 24.4145 } },
  { code: '532504002', name: '太平街道', point: { lng: 103.45, lat: 24.4029 } },
  { code: '532504003', name: '福城街道', point: { lng: 103.4264, lat: 24.3878 } },
  { code: '532504102', name: '新哨镇', point: { lng: 103.2051, lat: 23.8495 } },
  { code: '532504103', name: '虹溪镇', point: { lng: 103.4546, lat: 24.0452 } },
  { code: '532504104', name: '竹园镇', point: { lng: 103.1504, lat: 24.2088 } },
  { code: '532504105', name: '朋普镇', point: { lng: 103.2844, lat: 24.6445 } },
  { code: '532504106', name: '巡检司镇', point: { lng: 103.7134, lat: 24.2359 } },
  { code: '532504107', name: '西一镇', point: { lng: 103.4586, lat: 24.2175 } },
  { code: '532504108', name: '西二镇', point: { lng: 103.1224, lat: 24.4347 } },
  { code: '532504109', name: '西三镇', point: { lng: 103.2801, lat: 24.0405 } },
  { code: '532504110', name: '东山镇', point: { lng: 103.5206, lat: 23.93 } },
  { code: '532504202', name: '五山乡', point: { lng: 103.3583, lat: 24.1271 } },
  { code: '532504203', name: '江边乡', point: { lng: 103.582, lat: 24.1576 } },
]

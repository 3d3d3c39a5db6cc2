import type { GeoPoint } from '@/domain/geo'

/** Where the worker is, in GCJ-02, or why it is not known (then the page offers the district picker). */
export type LocateResult = { ok: true; point: GeoPoint } | { ok: false; reason: 'denied' | 'unavailable' }

/** What the page says when the position is not known, in the platform's own words. */
export interface LocationWording {
  denied: string
  unavailable: string
}

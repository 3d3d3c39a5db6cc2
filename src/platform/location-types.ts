import type { GeoPoint } from '@/domain/geo'

/** Where the worker is, in GCJ-02, or why it is not known (then the page offers the district picker). */
export type LocateResult = { ok: true; point: GeoPoint } | { ok: false; reason: 'denied' | 'unavailable' }

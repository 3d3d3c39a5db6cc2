import { toGcj02 } from '@/domain/geo'
import type { LocateResult, LocationWording } from './location-types'

/** How long a worker waits for the browser's position before the district picker shows. */
const TIMEOUT_MS = 10_000

/**
 * Browser: the Geolocation API gives WGS-84; stations are stored in GCJ-02, so the point is
 * converted (gcoord through the domain). A refusal, a timeout or no API resolves with a reason.
 */
export function locate(): Promise<LocateResult> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve({ ok: false, reason: 'unavailable' })
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (pos) => resolve({ ok: true, point: toGcj02({ lng: pos.coords.longitude, lat: pos.coords.latitude }, 'wgs84') }),
      (err) => resolve({ ok: false, reason: err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: false, timeout: TIMEOUT_MS, maximumAge: 5 * 60_000 },
    )
  })
}

export const LOCATION_WORDING: LocationWording = {
  denied: '浏览器没有允许获取您的位置。',
  unavailable: '暂时无法获取您的位置。',
}

/** A page cannot open the browser's site settings. */
export const canOpenSettings = false

export async function openLocationSettings(): Promise<boolean> {
  return false
}

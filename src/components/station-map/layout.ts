import type { GeoPoint } from '@/domain/geo'

/** A point placed in the overview box: percentages from its left and top edges. */
export interface Placed {
  left: number
  top: number
}

export interface OverviewLayout {
  origin: Placed
  points: Placed[]
  /** The box's width on the ground, in metres. */
  widthM: number
}

const M_PER_DEG_LAT = 110_574

/**
 * Fits the origin and the points into a box of `aspect` (width / height), keeping the ground's
 * proportions (an equirectangular view, fine over a city) and a `margin` (a fraction) on each side.
 */
export function layoutOverview(origin: GeoPoint, points: readonly GeoPoint[], aspect: number, margin = 0.08): OverviewLayout {
  const mPerDegLng = 111_320 * Math.cos((origin.lat * Math.PI) / 180)
  const xy = (p: GeoPoint) => ({ x: (p.lng - origin.lng) * mPerDegLng, y: (p.lat - origin.lat) * M_PER_DEG_LAT })
  const all = [{ x: 0, y: 0 }, ...points.map(xy)]
  let minX = Math.min(...all.map((p) => p.x))
  let maxX = Math.max(...all.map((p) => p.x))
  let minY = Math.min(...all.map((p) => p.y))
  let maxY = Math.max(...all.map((p) => p.y))
  // At least 500 m across, so a single nearby station does not sit on the box's edge.
  let w = Math.max(maxX - minX, 500)
  let h = Math.max(maxY - minY, 500 / aspect)
  if (w / h > aspect) h = w / aspect
  else w = h * aspect
  const cx = (minX + maxX) / 2
  const cy = (minY + maxY) / 2
  ;[minX, maxX, minY, maxY] = [cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2]
  const inner = 1 - 2 * margin
  const place = ({ x, y }: { x: number; y: number }): Placed => ({
    left: round(100 * (margin + (inner * (x - minX)) / w)),
    top: round(100 * (margin + (inner * (maxY - y)) / h)),
  })
  return { origin: place({ x: 0, y: 0 }), points: points.map((p) => place(xy(p))), widthM: w / inner }
}

const round = (n: number) => Math.round(n * 100) / 100

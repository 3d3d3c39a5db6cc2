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

/**
 * Moves placed dots apart until no two overlap: `size` is a dot's diameter as a fraction of the
 * box's width, `aspect` the box's width / height. Dots stay inside the box; the origin does not
 * move. Deterministic (a few rounds of pairwise pushes), fine for the dozen dots of an overview.
 */
export function spreadApart(points: readonly Placed[], size: number, aspect: number, rounds = 120): Placed[] {
  // In width units: x in [0, 1], y in [0, 1 / aspect].
  const at = points.map((p) => ({ x: p.left / 100, y: p.top / 100 / aspect }))
  const half = size / 2
  const clamp = (v: number, max: number) => Math.min(max - half, Math.max(half, v))
  for (let round = 0; round < rounds; round++) {
    let moved = false
    for (let i = 0; i < at.length; i++) {
      for (let j = i + 1; j < at.length; j++) {
        let dx = at[j].x - at[i].x
        let dy = at[j].y - at[i].y
        let d = Math.hypot(dx, dy)
        if (d >= size) continue
        if (d < 1e-9) {
          // The same spot: part them along a direction of their own.
          const angle = (j * 2.399963) % (2 * Math.PI)
          ;[dx, dy, d] = [Math.cos(angle), Math.sin(angle), 1]
        }
        const push = (size - Math.hypot(at[j].x - at[i].x, at[j].y - at[i].y)) / 2 + 1e-4
        at[i] = { x: clamp(at[i].x - (dx / d) * push, 1), y: clamp(at[i].y - (dy / d) * push, 1 / aspect) }
        at[j] = { x: clamp(at[j].x + (dx / d) * push, 1), y: clamp(at[j].y + (dy / d) * push, 1 / aspect) }
        moved = true
      }
    }
    if (!moved) break
  }
  return at.map((p) => ({ left: round(p.x * 100), top: round(p.y * aspect * 100) }))
}

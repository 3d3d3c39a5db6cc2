import { layoutOverview, spreadApart } from './layout'

describe('layoutOverview', () => {
  const origin = { lng: 103.4365, lat: 24.4105 }

  it('puts east to the right and north to the top, inside the margins', () => {
    const east = { lng: 103.4465, lat: 24.4105 }
    const north = { lng: 103.4365, lat: 24.4205 }
    const { origin: o, points } = layoutOverview(origin, [east, north], 2)
    expect(points[0].left).toBeGreaterThan(o.left)
    expect(points[0].top).toBeCloseTo(o.top)
    expect(points[1].top).toBeLessThan(o.top)
    for (const p of [o, ...points]) {
      expect(p.left).toBeGreaterThanOrEqual(8)
      expect(p.left).toBeLessThanOrEqual(92)
      expect(p.top).toBeGreaterThanOrEqual(8)
      expect(p.top).toBeLessThanOrEqual(92)
    }
  })

  it('keeps the ground\'s proportions: 1 km east spans as much as 1 km north', () => {
    const kmEast = { lng: origin.lng + 1000 / (111_320 * Math.cos((origin.lat * Math.PI) / 180)), lat: origin.lat }
    const kmNorth = { lng: origin.lng, lat: origin.lat + 1000 / 110_574 }
    const aspect = 16 / 9
    const { origin: o, points, widthM } = layoutOverview(origin, [kmEast, kmNorth], aspect)
    // In a box `aspect` times wider than tall, a percentage of height is `aspect` times a percentage of width.
    expect((points[0].left - o.left) * aspect).toBeCloseTo(o.top - points[1].top, 0)
    expect(widthM).toBeGreaterThan(1000)
  })

  it('gives a lone origin a box of at least 500 m with the origin in the middle', () => {
    const { origin: o, widthM } = layoutOverview(origin, [], 2)
    expect(o).toEqual({ left: 50, top: 50 })
    expect(widthM).toBeGreaterThanOrEqual(500)
  })
})

describe('spreadApart', () => {
  const apart = (a: { left: number; top: number }, b: { left: number; top: number }, aspect: number) => Math.hypot((a.left - b.left) / 100, (a.top - b.top) / 100 / aspect)

  it('parts dots on the same spot or overlapping, keeping them in the box', () => {
    const aspect = 4 / 3
    const size = 0.18
    const crowd = [{ left: 50, top: 50 }, { left: 50, top: 50 }, { left: 52, top: 51 }, { left: 95, top: 95 }, { left: 94, top: 96 }, ...Array.from({ length: 5 }, (_, i) => ({ left: 30 + i, top: 40 }))]
    const out = spreadApart(crowd, size, aspect)
    for (let i = 0; i < out.length; i++) {
      expect(out[i].left).toBeGreaterThanOrEqual(size * 50 - 0.01)
      expect(out[i].left).toBeLessThanOrEqual(100 - size * 50 + 0.01)
      for (let j = i + 1; j < out.length; j++) expect(apart(out[i], out[j], aspect)).toBeGreaterThanOrEqual(size - 0.002)
    }
  })

  it('leaves dots that do not overlap where they are', () => {
    const far = [{ left: 20, top: 20 }, { left: 80, top: 80 }]
    expect(spreadApart(far, 0.1, 2)).toEqual(far)
  })
})

import fc from 'fast-check'
import { boxAround, distanceM, fromGcj02, isInChina, toGcj02 } from './geo'

/**
 * Known points:
 * - WGS-84 -> GCJ-02: the test vectors of eviltransform (googollee/eviltransform, transform_test.go),
 *   the public reference implementation of the GCJ-02 algorithm: Shanghai, Shenzhen, Beijing.
 * - GCJ-02 <-> BD-09 and WGS-84 -> GCJ-02 at (116.404, 39.915): the README and test of
 *   wandergis/coordtransform, a widely used JavaScript port of the same algorithms.
 * The inverse conversions (GCJ-02 -> WGS-84, BD-09) are approximations: checked by round trip.
 */
const WGS_TO_GCJ: [string, [number, number], [number, number]][] = [
  ['Shanghai', [121.5272106, 31.1774276], [121.531541859215, 31.17530398364597]],
  ['Shenzhen', [113.912316, 22.543847], [113.9171764808363, 22.540796131694766]],
  ['Beijing', [116.377817, 39.911954], [116.38404722455657, 39.91334545536069]],
  ['Tiananmen (coordtransform)', [116.404, 39.915], [116.41024449916938, 39.91640428150164]],
]

const pt = ([lng, lat]: [number, number]) => ({ lng, lat })

describe('coordinate conversion to GCJ-02 (gcoord)', () => {
  it.each(WGS_TO_GCJ)('WGS-84 -> GCJ-02: %s', (_name, wgs, gcj) => {
    const got = toGcj02(pt(wgs), 'wgs84')
    expect(got.lng).toBeCloseTo(gcj[0], 9)
    expect(got.lat).toBeCloseTo(gcj[1], 9)
  })

  it('BD-09 -> GCJ-02 and back (coordtransform: 116.404, 39.915)', () => {
    const gcj = toGcj02({ lng: 116.404, lat: 39.915 }, 'bd09')
    expect(gcj.lng).toBeCloseTo(116.39762729119315, 9)
    expect(gcj.lat).toBeCloseTo(39.90865673957631, 9)
    const bd = fromGcj02({ lng: 116.404, lat: 39.915 }, 'bd09')
    expect(bd.lng).toBeCloseTo(116.41036949371029, 9)
    expect(bd.lat).toBeCloseTo(39.92133699351021, 9)
  })

  it('leaves GCJ-02 as it is, and WGS-84 outside China too', () => {
    expect(toGcj02({ lng: 103.4365, lat: 24.4105 }, 'gcj02')).toEqual({ lng: 103.4365, lat: 24.4105 })
    expect(toGcj02({ lng: -104.9903, lat: 39.7392 }, 'wgs84')).toEqual({ lng: -104.9903, lat: 39.7392 })
  })

  it('round-trips WGS-84 and BD-09 through GCJ-02 within a metre across China', () => {
    fc.assert(
      fc.property(fc.double({ min: 98, max: 122, noNaN: true }), fc.double({ min: 21, max: 42, noNaN: true }), (lng, lat) => {
        for (const crs of ['wgs84', 'bd09'] as const) {
          const back = toGcj02(fromGcj02({ lng, lat }, crs), crs)
          expect(distanceM(back, { lng, lat })).toBeLessThan(1)
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('distances and boxes', () => {
  it('measures great-circle distances with the geoNear earth radius', () => {
    expect(distanceM({ lng: 0, lat: 0 }, { lng: 0, lat: 1 })).toBeCloseTo((6378100 * Math.PI) / 180, 3)
    expect(distanceM({ lng: 0, lat: 0 }, { lng: 1, lat: 0 })).toBeCloseTo((6378100 * Math.PI) / 180, 3)
    // Shanghai to Beijing (GCJ-02 points above): about 1,078 km.
    expect(distanceM(pt(WGS_TO_GCJ[0][2]), pt(WGS_TO_GCJ[2][2])) / 1000).toBeCloseTo(1078.2, 0)
    expect(distanceM({ lng: 103.4, lat: 24.4 }, { lng: 103.4, lat: 24.4 })).toBe(0)
  })

  it('boxAround holds every point of the circle', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 73, max: 135, noNaN: true }),
        fc.double({ min: 4, max: 53, noNaN: true }),
        fc.double({ min: 10, max: 50000, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        (lng, lat, r, bearing) => {
          const box = boxAround({ lng, lat }, r)
          // The point at distance r along `bearing` (spherical destination formula).
          const d = r / 6378100
          const la = (lat * Math.PI) / 180
          const lat2 = Math.asin(Math.sin(la) * Math.cos(d) + Math.cos(la) * Math.sin(d) * Math.cos(bearing))
          const lng2 = (lng * Math.PI) / 180 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(la), Math.cos(d) - Math.sin(la) * Math.sin(lat2))
          const p = { lng: (lng2 * 180) / Math.PI, lat: (lat2 * 180) / Math.PI }
          const eps = 1e-9
          expect(p.lng).toBeGreaterThanOrEqual(box.minLng - eps)
          expect(p.lng).toBeLessThanOrEqual(box.maxLng + eps)
          expect(p.lat).toBeGreaterThanOrEqual(box.minLat - eps)
          expect(p.lat).toBeLessThanOrEqual(box.maxLat + eps)
        },
      ),
    )
  })

  it('knows roughly where China is', () => {
    expect(isInChina({ lng: 103.4365, lat: 24.4105 })).toBe(true)
    expect(isInChina({ lng: 24.4105, lat: 103.4365 })).toBe(false)
  })
})

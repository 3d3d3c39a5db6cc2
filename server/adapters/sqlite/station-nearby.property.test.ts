import { join } from 'node:path'
import type { GeoPoint } from '../../../src/domain/geo'
import { AMENITY_CODES, STATION_KIND_CODES, STATION_STATUS_CODES, type Amenity, type StationKind, type StationStatus } from '../../../src/domain/station'
import { gaussian, prng } from '../../local/prng'
import { tempDir } from '../../../test/support/deps'
import { stationRecord } from '../../../test/support/stations'
import type { NearbyQuery, StationRecord } from '../../ports'
import { openSqliteStore } from '.'

/**
 * The R*Tree search against a brute-force haversine scan of the same set: for 1,000 random
 * queries (point, radius, kinds, amenities, statuses, offset, limit) the same stations in the same
 * order (distance, then id), with distances within 1 m.
 */
describe('SQLite nearby: the index agrees with a brute-force scan', () => {
  const random = prng(20260302)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]
  const subset = <T>(xs: readonly T[], p: number) => xs.filter(() => random() < p)
  // Clusters of different density (a city core, towns, a sparse county), and exact duplicates of points to exercise ties.
  const centres = [
    { c: { lng: 103.4365, lat: 24.4105 }, n: 900, sigmaM: 1500 },
    { c: { lng: 103.55, lat: 24.2 }, n: 400, sigmaM: 4000 },
    { c: { lng: 103.2, lat: 24.6 }, n: 300, sigmaM: 12000 },
    { c: { lng: 121.47, lat: 31.23 }, n: 400, sigmaM: 800 },
  ]
  const offsetPoint = (c: GeoPoint, sigmaM: number): GeoPoint => ({
    lng: c.lng + (gaussian(random) * sigmaM) / (111320 * Math.cos((c.lat * Math.PI) / 180)),
    lat: c.lat + (gaussian(random) * sigmaM) / 110540,
  })
  const stations: StationRecord[] = []
  for (const { c, n, sigmaM } of centres) {
    for (let i = 0; i < n; i++) {
      const twin = stations.length > 0 && random() < 0.03 ? stations[stations.length - 1].location : null
      stations.push(
        stationRecord({
          id: `s${String(stations.length).padStart(5, '0')}`,
          externalId: `E${stations.length}`,
          kind: pick(STATION_KIND_CODES),
          status: pick(STATION_STATUS_CODES),
          amenities: subset(AMENITY_CODES, 0.5),
          location: twin ?? offsetPoint(c, sigmaM),
        }),
      )
    }
  }

  const { dir, cleanup } = tempDir()
  const store = openSqliteStore(join(dir, 'nearby.db'))
  beforeAll(async () => {
    await store.transaction(async (r) => {
      for (const s of stations) await r.stations.upsert(s)
    })
  })
  afterAll(async () => {
    await store.close()
    cleanup()
  })

  // The oracle: every station, filtered, its haversine distance (written out here, independent of
  // src/domain/geo; the asin is skipped for stations whose haversine term is already past the radius).
  const RAD = Math.PI / 180
  const R = 6378100
  const prepared = stations.map((s) => ({ s, lat: s.location.lat * RAD, lng: s.location.lng * RAD, cos: Math.cos(s.location.lat * RAD) }))
  function bruteForce(q: NearbyQuery) {
    const lat = q.point.lat * RAD
    const lng = q.point.lng * RAD
    const cos = Math.cos(lat)
    const hMax = Math.sin(Math.min(Math.PI / 2, q.radiusM / R / 2)) ** 2 * 1.000001
    const out: { id: string; d: number }[] = []
    for (const p of prepared) {
      if (q.kinds?.length && !q.kinds.includes(p.s.kind)) continue
      if (q.statuses?.length && !q.statuses.includes(p.s.status)) continue
      if (!(q.amenities ?? []).every((a) => p.s.amenities.includes(a))) continue
      const h = Math.sin((p.lat - lat) / 2) ** 2 + cos * p.cos * Math.sin((p.lng - lng) / 2) ** 2
      if (h > hMax) continue
      const d = 2 * R * Math.asin(Math.min(1, Math.sqrt(h)))
      if (d <= q.radiusM) out.push({ id: p.s.id, d })
    }
    return out.sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1)).slice(q.offset, q.offset + q.limit)
  }

  it('1,000 random queries', async () => {
    let nonEmpty = 0
    for (let i = 0; i < 1000; i++) {
      const anchor = pick(centres)
      const q: NearbyQuery = {
        point: random() < 0.1 ? pick(stations).location : offsetPoint(anchor.c, anchor.sigmaM * 2),
        radiusM: pick([100, 500, 1000, 2000, 5000, 10000, 50000]) * (0.5 + random()),
        kinds: random() < 0.5 ? [] : (subset(STATION_KIND_CODES, 0.5) as StationKind[]),
        amenities: random() < 0.6 ? [] : (subset(AMENITY_CODES, 0.15) as Amenity[]),
        statuses: random() < 0.3 ? undefined : (subset(STATION_STATUS_CODES, 0.7) as StationStatus[]),
        offset: random() < 0.7 ? 0 : Math.floor(random() * 40),
        limit: pick([1, 5, 20, 21, 50]),
      }
      const got = await store.repos.stations.nearby(q)
      const want = bruteForce(q)
      expect(got.map((g) => g.station.id)).toEqual(want.map((w) => w.id))
      got.forEach((g, k) => expect(Math.abs(g.distanceM - want[k].d)).toBeLessThan(1))
      if (want.length) nonEmpty++
    }
    // The generated queries exercise real results, not just empty ones.
    expect(nonEmpty).toBeGreaterThan(500)
  })
})

import { distanceM } from '../../src/domain/geo'
import { SEARCH_PLACES } from '../../src/pages/stations/places'
import { demoStations } from '../../server/local/seed-stations'

/** The finder's district picker searches from the points where the demo data puts each township's station. */
describe('search places of the district picker', () => {
  const stations = demoStations(new Date('2026-03-02T02:00:00Z'))

  it('has the city centre first, then each township unit of the seed once', () => {
    expect(SEARCH_PLACES[0].name).toBe('市中心')
    const townships = stations.filter((s) => s.level === 'township').map((s) => s.district)
    expect(SEARCH_PLACES.slice(1).map((p) => p.name)).toEqual(townships)
  })

  it('puts each township within 100 m of its township-level aid station', () => {
    for (const place of SEARCH_PLACES.slice(1)) {
      const station = stations.find((s) => s.level === 'township' && s.district === place.name)!
      expect(distanceM(place.point, station.location)).toBeLessThan(100)
    }
  })

  it('finds a station within 3 km of the city centre', () => {
    const nearest = Math.min(...stations.map((s) => distanceM(SEARCH_PLACES[0].point, s.location)))
    expect(nearest).toBeLessThan(3000)
  })
})

import { StationInputSchema } from '../../src/domain/station'
import { stationUnitFor } from '../../src/domain/station-unit'
import { mileTownships } from './seed'
import { validate } from '../../src/domain/validate'
import { sqliteDeps } from '../../test/support/deps'
import { DEMO_AID_LEVELS, DEMO_STATION_COUNTS, demoStations, insideRing, mileBoundary, seedDemoStations } from './seed-stations'

describe('Mile demo stations', () => {
  const at = new Date('2026-03-02T02:00:00Z')
  const stations = demoStations(at)
  const ring = mileBoundary()

  it('has the seed figures: 67 aid stations over four levels, 5 rest posts, 3 expert teams', () => {
    const count = (pred: (s: (typeof stations)[number]) => boolean) => stations.filter(pred).length
    expect(count((s) => s.kind === 'aid')).toBe(DEMO_STATION_COUNTS.aid)
    expect(count((s) => s.kind === 'rest-post')).toBe(5)
    expect(count((s) => s.kind === 'expert-team')).toBe(3)
    expect(DEMO_STATION_COUNTS.aid).toBe(67)
    for (const [level, n] of Object.entries(DEMO_AID_LEVELS)) expect(count((s) => s.level === level)).toBe(n)
    expect(new Set(stations.map((s) => s.id)).size).toBe(stations.length)
    expect(new Set(stations.map((s) => s.externalId)).size).toBe(stations.length)
  })

  it('places every station inside Mile and marks it as sample data', () => {
    for (const s of stations) {
      expect(insideRing(s.location, ring)).toBe(true)
      expect(s.name).toContain('示例数据')
      expect(s.sample).toBe(true)
    }
    expect(insideRing({ lng: 103.2, lat: 24.65 }, ring)).toBe(false)
  })

  it('passes the same validation as an admin-entered station', () => {
    for (const { id: _i, sample: _s, version: _v, createdAt: _c, updatedAt: _u, ...fields } of stations) {
      const r = validate(StationInputSchema, fields)
      expect(r.ok ? 'ok' : r.problems).toBe('ok')
    }
  })

  it('belongs to the unit its 管理单位 and district point to, as a migration of older stations would put it', () => {
    const units = [{ id: 'unit-root', name: '弥勒市总工会' }, ...mileTownships()]
    for (const s of stations) expect([s.name, s.unitId]).toEqual([s.name, stationUnitFor(s, units, 'unit-root')])
    expect(new Set(stations.map((s) => s.unitId)).size).toBe(15)
  })

  it('is deterministic', () => {
    expect(demoStations(new Date('2030-01-01T00:00:00Z')).map(({ createdAt: _c, updatedAt: _u, ...s }) => s)).toEqual(
      stations.map(({ createdAt: _c, updatedAt: _u, ...s }) => s),
    )
  })

  it('is written once, in step with the nearby index', async () => {
    const t = sqliteDeps()
    try {
      expect(await seedDemoStations(t.deps.store, at)).toBe(true)
      expect(await seedDemoStations(t.deps.store, at)).toBe(false)
      const all = await t.deps.store.repos.stations.nearby({ point: { lng: 103.4365, lat: 24.4105 }, radiusM: 50000, offset: 0, limit: 100 })
      expect(all.length).toBeGreaterThan(40)
      expect((await t.deps.store.repos.stations.list({ offset: 0, limit: 200 })).length).toBe(75)
    } finally {
      await t.close()
    }
  })
})

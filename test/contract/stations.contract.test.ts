import { distanceM } from '../../src/domain/geo'
import type { ProblemReportRecord, StationRecord, Store } from '../../server/ports'
import { stationRecord } from '../support/stations'
import { contractStores } from './stores'

/** The station and problem-report repositories, one suite over both stores (as store.contract.test.ts). */
const { factories, standin } = contractStores()

const here = { lng: 103.4365, lat: 24.4105 }
/** A point `east` and `north` metres from `here` (small offsets, flat-earth is fine for placing test points). */
const at = (east: number, north: number) => ({
  lng: here.lng + east / (111320 * Math.cos((here.lat * Math.PI) / 180)),
  lat: here.lat + north / 110574,
})

const report = (over: Partial<ProblemReportRecord> = {}): ProblemReportRecord => ({
  id: 'r1',
  stationId: 'st-1',
  stationName: '弥阳街道职工驿站',
  unitId: 'unit-a',
  problem: 'wrong-hours',
  note: '周日没有开门',
  reporterOpenid: 'w1',
  status: 'pending',
  version: 1,
  createdAt: '2026-03-02T02:00:00.000Z',
  decidedAt: null,
  decidedBy: null,
  decisionNote: '',
  ...over,
})

describe.each(factories)('Station store contract: %s', (_name, open) => {
  let store: Store
  let close: () => Promise<void>
  beforeEach(() => ({ store, close } = open()))
  afterEach(() => close())

  const put = async (...recs: StationRecord[]) => {
    for (const r of recs) await store.repos.stations.upsert(r)
  }

  test('upsert then get, byExternalId, byExternalIds and list return exactly the record', async () => {
    const a = stationRecord({ id: 'a', externalId: 'E-a', hours: { week: [[{ from: '08:00', to: '12:00' }, { from: '14:30', to: '18:00' }], [], [], [], [], [{ from: '22:00', to: '06:00' }], []], closedOnHolidays: true, closedDates: ['2026-10-01'] } })
    const b = stationRecord({ id: 'b', externalId: 'E-b', kind: 'aid', level: 'township', amenities: [], photos: ['https://example.org/p.jpg'], verifiedOn: null })
    await put(b, a)
    expect(await store.repos.stations.get('a')).toEqual(a)
    expect(await store.repos.stations.get('nope')).toBeNull()
    expect(await store.repos.stations.byExternalId('E-b')).toEqual(b)
    expect(await store.repos.stations.byExternalId('E-x')).toBeNull()
    expect((await store.repos.stations.byExternalIds(['E-a', 'E-b', 'E-x'])).map((s) => s.id).sort()).toEqual(['a', 'b'])
    expect(await store.repos.stations.list({ offset: 0, limit: 10 })).toEqual([a, b])
    expect(await store.repos.stations.list({ offset: 1, limit: 10 })).toEqual([b])
  })

  test('list with a search: name or address containing it, any case, as typed (no wildcards), within the units asked', async () => {
    await put(
      stationRecord({ id: 'a', externalId: 'E-a', name: '弥阳街道职工驿站', address: '弥阳镇人民路1号', unitId: 'u1' }),
      stationRecord({ id: 'b', externalId: 'E-b', name: 'Nanshan 服务站', address: '南山路8号', unitId: 'u1' }),
      stationRecord({ id: 'c', externalId: 'E-c', name: '竹园镇服务站', address: '弥阳路100%号_东', unitId: 'u2' }),
    )
    const ids = async (search: string, unitIds?: string[]) => (await store.repos.stations.list({ offset: 0, limit: 10 }, unitIds, search)).map((s) => s.id)
    expect(await ids('弥阳')).toEqual(['a', 'c'])
    expect(await ids('弥阳', ['u1'])).toEqual(['a'])
    expect(await ids('nanSHAN')).toEqual(['b'])
    expect(await ids('南山路')).toEqual(['b'])
    expect(await ids('100%号_')).toEqual(['c'])
    expect(await ids('%')).toEqual(['c'])
    expect(await ids('.*')).toEqual([])
    expect(await ids('服务站', ['u1', 'u2'])).toEqual(['b', 'c'])
    expect((await store.repos.stations.list({ offset: 1, limit: 1 }, undefined, '服务站')).map((s) => s.id)).toEqual(['c'])
  })

  test('upsert replaces by id, moves the point in the index, and refuses a second holder of an external id', async () => {
    await put(stationRecord({ id: 'a', externalId: 'E-a', location: at(0, 0) }))
    const moved = stationRecord({ id: 'a', externalId: 'E-a2', location: at(3000, 0), name: '新名字', version: 2 })
    await put(moved)
    expect(await store.repos.stations.get('a')).toEqual(moved)
    expect(await store.repos.stations.byExternalId('E-a')).toBeNull()
    const near = await store.repos.stations.nearby({ point: at(0, 0), radiusM: 1000, offset: 0, limit: 10 })
    expect(near).toEqual([])
    const far = await store.repos.stations.nearby({ point: at(3000, 0), radiusM: 1000, offset: 0, limit: 10 })
    expect(far.map((h) => h.station.id)).toEqual(['a'])
    await expect(store.repos.stations.upsert(stationRecord({ id: 'b', externalId: 'E-a2' }))).rejects.toHaveProperty('message')
    expect(await store.repos.stations.get('b')).toBeNull()
  })

  test('nearby: nearest first with distances, within the radius, filtered, paged', async () => {
    const spots: [string, number, number, Partial<StationRecord>][] = [
      ['n100', 100, 0, {}],
      ['n250', 0, 250, { kind: 'aid', level: 'community', amenities: ['water', 'toilet'] }],
      ['n400', -400, 0, { status: 'suspended' }],
      ['n900', 0, -900, { kind: 'expert-team', amenities: ['water'] }],
      ['n1500', 1500, 0, { amenities: ['water', 'toilet', 'wifi'] }],
      ['n4000', 0, 4000, { status: 'closed' }],
      ['n9000', 9000, 0, {}],
    ]
    await put(...spots.map(([id, e, n, over], i) => stationRecord({ id, externalId: `E${i}`, location: at(e, n), ...over })))
    const ids = async (q: Partial<Parameters<Store['repos']['stations']['nearby']>[0]>) =>
      (await store.repos.stations.nearby({ point: here, radiusM: 5000, offset: 0, limit: 20, ...q })).map((h) => h.station.id)

    const all = await store.repos.stations.nearby({ point: here, radiusM: 5000, offset: 0, limit: 20 })
    expect(all.map((h) => h.station.id)).toEqual(['n100', 'n250', 'n400', 'n900', 'n1500', 'n4000'])
    for (const h of all) expect(Math.abs(h.distanceM - distanceM(here, h.station.location))).toBeLessThan(1)
    expect(all[0].distanceM).toBeGreaterThan(99)
    expect(all[0].distanceM).toBeLessThan(101)
    expect(all[0].station).toEqual(stationRecord({ id: 'n100', externalId: 'E0', location: at(100, 0) }))

    expect(await ids({ radiusM: 50000 })).toHaveLength(7)
    expect(await ids({ radiusM: 300 })).toEqual(['n100', 'n250'])
    expect(await ids({ kinds: ['aid', 'expert-team'] })).toEqual(['n250', 'n900'])
    expect(await ids({ amenities: ['water', 'toilet'] })).toEqual(['n250', 'n1500'])
    expect(await ids({ statuses: ['open', 'suspended'] })).toEqual(['n100', 'n250', 'n400', 'n900', 'n1500'])
    expect(await ids({ statuses: ['open'], amenities: ['water', 'toilet'], kinds: ['rest-post'] })).toEqual(['n1500'])
    expect(await ids({ offset: 0, limit: 2 })).toEqual(['n100', 'n250'])
    expect(await ids({ offset: 2, limit: 2 })).toEqual(['n400', 'n900'])
    expect(await ids({ offset: 4, limit: 2 })).toEqual(['n1500', 'n4000'])
    expect(await ids({ offset: 6, limit: 2 })).toEqual([])
    expect(await ids({ point: { lng: 121.47, lat: 31.23 } })).toEqual([])
  })

  test('nearby pages past 100 results', async () => {
    await put(...Array.from({ length: 130 }, (_, i) => stationRecord({ id: `p${String(i).padStart(3, '0')}`, externalId: `P${i}`, location: at(10 * (i + 1), 0) })))
    const page = await store.repos.stations.nearby({ point: here, radiusM: 5000, offset: 110, limit: 20 })
    expect(page.map((h) => h.station.id)).toEqual(Array.from({ length: 20 }, (_, i) => `p${String(110 + i).padStart(3, '0')}`))
  })

  test('station writes in a transaction land together or not at all', async () => {
    await store.transaction(async (r) => {
      await r.stations.upsert(stationRecord({ id: 'a', externalId: 'A' }))
      await r.stations.upsert(stationRecord({ id: 'b', externalId: 'B', location: at(50, 0) }))
      expect((await r.stations.get('b'))?.externalId).toBe('B')
    })
    const boom = new Error('boom')
    await expect(
      store.transaction(async (r) => {
        await r.stations.upsert(stationRecord({ id: 'a', externalId: 'A', name: '改过的名字', version: 2 }))
        await r.stations.upsert(stationRecord({ id: 'c', externalId: 'C', location: at(20, 0) }))
        throw boom
      }),
    ).rejects.toBe(boom)
    expect((await store.repos.stations.get('a'))?.name).toBe(stationRecord().name)
    expect(await store.repos.stations.get('c')).toBeNull()
    expect((await store.repos.stations.nearby({ point: here, radiusM: 1000, offset: 0, limit: 10 })).map((h) => h.station.id)).toEqual(['a', 'b'])
  })

  test('problem reports: insert, get, versioned update, list by status newest first', async () => {
    const { problemReports } = store.repos
    await problemReports.insert(report())
    await problemReports.insert(report({ id: 'r2', createdAt: '2026-03-02T03:00:00.000Z' }))
    await problemReports.insert(report({ id: 'r3', status: 'resolved', createdAt: '2026-03-02T04:00:00.000Z' }))
    expect(await problemReports.get('r1')).toEqual(report())
    expect(await problemReports.get('none')).toBeNull()
    expect(await problemReports.list('pending', { offset: 0, limit: 10 })).toEqual({ items: [report({ id: 'r2', createdAt: '2026-03-02T03:00:00.000Z' }), report()], total: 2 })
    expect((await problemReports.list('pending', { offset: 1, limit: 1 })).items.map((r) => r.id)).toEqual(['r1'])
    const decided = report({ status: 'rejected', version: 2, decidedAt: '2026-03-03T00:00:00.000Z', decidedBy: 'admin', decisionNote: '已核实无误' })
    expect(await problemReports.update(decided, 1)).toBe(true)
    expect(await problemReports.update(report({ status: 'resolved', version: 2 }), 1)).toBe(false)
    expect(await problemReports.get('r1')).toEqual(decided)
    expect((await problemReports.list('rejected', { offset: 0, limit: 10 })).total).toBe(1)
    expect((await problemReports.list('pending', { offset: 0, limit: 10 })).total).toBe(1)
  })
})

describe('CloudBase station layout', () => {
  let store: Store
  beforeEach(() => ({ store } = factories[1][1]()))

  test('a station is a document keyed by its id with location as a GeoJSON point [lng, lat]', async () => {
    await store.repos.stations.upsert(stationRecord({ id: 'a', location: { lng: 103.4365, lat: 24.4105 } }))
    const doc = standin().collections().get('stations')!.get('a')!
    expect(doc).not.toHaveProperty('id')
    expect(doc.location).toEqual({ type: 'Point', coordinates: [103.4365, 24.4105] })
  })

  test('nearby is one aggregate with $geoNear first, and is refused inside a transaction', async () => {
    await store.repos.stations.upsert(stationRecord({ id: 'a' }))
    standin().requests.length = 0
    await store.repos.stations.nearby({ point: here, radiusM: 1000, offset: 0, limit: 5, kinds: ['rest-post'], amenities: ['water'], statuses: ['open'] })
    expect(standin().requests.map((r) => r.action)).toEqual(['database.aggregateDocuments'])
    await expect(store.transaction((r) => r.stations.nearby({ point: here, radiusM: 1000, offset: 0, limit: 5 }))).rejects.toThrow(/not available inside a transaction/)
  })
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { distanceM, type GeoPoint } from '../../src/domain/geo'
import { everyDay, type OpeningHours, type TimeRange } from '../../src/domain/opening-hours'
import type { AidLevel, Amenity, StationKind } from '../../src/domain/station'
import type { StationRecord, Store } from '../ports'
import { gaussian, prng } from './prng'
import { mileTownshipRows, type Township } from './seed/townships'

/**
 * Demo stations for Mile city, as the seed describes it: 67 aid service stations of the four-level
 * network, 5 worker rest posts (职工驿站) and 3 expert service teams, all marked 示例数据.
 *
 * Mile is a county-level city, so its network has one city-level centre (弥勒市职工帮扶服务中心,
 * which also plays the county-level role), 2 county-level sub-centres for the industrial park and
 * the urban area, one township/street-level station for each township unit in the reference data
 * (14: mile-townships.csv lists 3 streets, 9 towns and 2 townships, one fewer than the seed's
 * "15 township units"), and 50 community/enterprise-level points, more of them in the three
 * streets: 1 + 2 + 14 + 50 = 67.
 *
 * Every point lies inside Mile's real boundary (mile-boundary.geojson, taken as GCJ-02). The
 * reference data has no township boundaries, so each township's seat is a seeded point inside the
 * city (the streets near the urban centre), and its stations are scattered around that seat.
 * The same seed always gives the same stations.
 */
export const DEMO_STATION_COUNTS = { aid: 67, 'rest-post': 5, 'expert-team': 3 } as const
export const DEMO_AID_LEVELS: Record<AidLevel, number> = { city: 1, county: 2, township: 14, community: 50 }

const SEED = 532504
const SAMPLE = '（示例数据）'
/** The union's national hotline: a real, public number, so demo data dials no private person. */
const HOTLINE = '12351'
/** The urban centre of Mile (弥阳街道), GCJ-02. */
const URBAN_CENTRE: GeoPoint = { lng: 103.4365, lat: 24.4105 }


/** Mile's outline as one ring of [lng, lat]. */
export function mileBoundary(): [number, number][] {
  const geo = JSON.parse(readFileSync(join(__dirname, 'seed', 'mile-boundary.geojson'), 'utf8')) as {
    features: { geometry: { type: string; coordinates: [number, number][][] } }[]
  }
  return geo.features[0].geometry.coordinates[0]
}

/** Even-odd ray casting. */
export function insideRing({ lng, lat }: GeoPoint, ring: [number, number][]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

const range = (from: string, to: string): TimeRange => ({ from, to })
const weekdays = (...ranges: TimeRange[]): OpeningHours => ({
  week: [0, 1, 2, 3, 4, 5, 6].map((d) => (d < 5 ? ranges.map((r) => ({ ...r })) : [])),
  closedOnHolidays: true,
  closedDates: [],
})
const OFFICE = weekdays(range('08:30', '12:00'), range('14:30', '18:00'))

/** The demo stations; `at` is the creation time written on them. */
export function demoStations(at: Date): StationRecord[] {
  const random = prng(SEED)
  const ring = mileBoundary()
  const inside = (p: GeoPoint) => insideRing(p, ring)
  const near = (centre: GeoPoint, sigmaM: number): GeoPoint => {
    for (;;) {
      const p = {
        lng: centre.lng + (gaussian(random) * sigmaM) / (111320 * Math.cos((centre.lat * Math.PI) / 180)),
        lat: centre.lat + (gaussian(random) * sigmaM) / 110574,
      }
      if (inside(p)) return { lng: Math.round(p.lng * 1e6) / 1e6, lat: Math.round(p.lat * 1e6) / 1e6 }
    }
  }
  const units = mileTownshipRows()
  // Streets (街道) around the urban centre; towns and townships spread over the city by best-candidate sampling.
  const seats = new Map<string, GeoPoint>()
  for (const t of units.filter((u) => u.name.endsWith('街道'))) seats.set(t.code, seats.size === 0 ? URBAN_CENTRE : near(URBAN_CENTRE, 2500))
  for (const t of units.filter((u) => !u.name.endsWith('街道'))) {
    let best: GeoPoint | null = null
    let bestGap = -1
    for (let k = 0; k < 30; k++) {
      const p = { lng: 103.06 + random() * 0.76, lat: 23.83 + random() * 0.83 }
      if (!inside(p)) continue
      const gap = Math.min(...[...seats.values()].map((s) => distanceM(s, p)))
      if (gap > bestGap) [best, bestGap] = [p, gap]
    }
    seats.set(t.code, near(best ?? URBAN_CENTRE, 300))
  }

  const out: StationRecord[] = []
  const iso = at.toISOString()
  const add = (s: {
    kind: StationKind
    level: AidLevel | null
    name: string
    district: string
    unit: string
    /** The township's code, or none for the city's own stations. */
    code?: string
    location: GeoPoint
    hours: OpeningHours
    amenities: Amenity[]
    services: string
  }) => {
    const n = out.length + 1
    const prefix = s.kind === 'aid' ? 'A' : s.kind === 'rest-post' ? 'R' : 'E'
    out.push({
      id: `demo-station-${String(n).padStart(3, '0')}`,
      externalId: `MILE-DEMO-${prefix}${String(n).padStart(3, '0')}`,
      kind: s.kind,
      level: s.level,
      name: `${s.name}${SAMPLE}`,
      address: `弥勒市${s.district}示例路${n}号（示例地址）`,
      district: s.district,
      location: s.location,
      phone: HOTLINE,
      hours: s.hours,
      amenities: s.amenities,
      services: s.services,
      photos: [],
      unitName: s.unit,
      // The demo's unit ids (seed.ts): the township's, else the city federation's.
      unitId: s.code ? `unit-${s.code}` : 'unit-root',
      status: 'open',
      verifiedOn: '2026-01-15',
      sample: true,
      version: 1,
      createdAt: iso,
      updatedAt: iso,
    })
  }

  const AID_SERVICES = '困难职工帮扶申请受理、政策咨询、送温暖、金秋助学、医疗互助'
  add({ kind: 'aid', level: 'city', name: '弥勒市职工帮扶服务中心', district: '弥阳街道', unit: '弥勒市总工会', location: near(URBAN_CENTRE, 200), hours: OFFICE, amenities: ['water', 'rest', 'toilet', 'charging', 'barrier-free', 'wifi'], services: AID_SERVICES })
  add({ kind: 'aid', level: 'county', name: '弥勒市产业园区职工帮扶服务站', district: units[2].name, unit: '弥勒市总工会', location: near(seats.get(units[2].code)!, 1500), hours: OFFICE, amenities: ['water', 'rest', 'toilet'], services: AID_SERVICES })
  add({ kind: 'aid', level: 'county', name: '弥勒市城区职工帮扶服务分中心', district: units[1].name, unit: '弥勒市总工会', location: near(seats.get(units[1].code)!, 800), hours: OFFICE, amenities: ['water', 'rest', 'toilet', 'barrier-free'], services: AID_SERVICES })
  for (const t of units) {
    add({ kind: 'aid', level: 'township', name: `${t.name}职工帮扶服务站`, district: t.name, unit: `${t.name}总工会`, code: t.code, location: near(seats.get(t.code)!, 400), hours: OFFICE, amenities: ['water', 'rest', 'toilet'], services: AID_SERVICES })
  }
  // 50 community/enterprise points: 6 in each of the 3 streets, the other 32 over the 11 towns and townships.
  const streets = units.filter((u) => u.name.endsWith('街道'))
  const rural = units.filter((u) => !u.name.endsWith('街道'))
  const places = [...streets.flatMap((t) => Array.from({ length: 6 }, () => t)), ...Array.from({ length: 32 }, (_, i) => rural[i % rural.length])]
  const counter = new Map<string, number>()
  for (const t of places) {
    const k = (counter.get(t.code) ?? 0) + 1
    counter.set(t.code, k)
    const enterprise = k % 3 === 0
    const hours = k % 2 === 0 ? OFFICE : { ...weekdays(range('09:00', '17:00')), week: [...weekdays(range('09:00', '17:00')).week.slice(0, 5), [range('09:00', '12:00')], []] }
    add({
      kind: 'aid',
      level: 'community',
      name: `${t.name}${enterprise ? `示例企业${k}` : `示例社区${k}`}职工帮扶服务点`,
      district: t.name,
      unit: `${t.name}总工会`,
      code: t.code,
      location: near(seats.get(t.code)!, t.name.endsWith('街道') ? 1200 : 3000),
      hours,
      amenities: enterprise ? ['water', 'rest'] : ['water', 'rest', 'reading'],
      services: '困难职工帮扶申请受理、政策咨询',
    })
  }

  const REST: Amenity[] = ['water', 'meal-heating', 'rest', 'toilet', 'charging', 'medicine', 'climate']
  const restPosts: { name: string; at: Township; hours: OpeningHours; extra: Amenity[] }[] = [
    { name: '弥阳街道环卫职工驿站', at: streets[0], hours: everyDay(range('00:00', '24:00')), extra: ['wifi'] },
    { name: '太平街道户外劳动者服务站', at: streets[1], hours: everyDay(range('06:30', '11:30'), range('13:30', '21:00')), extra: ['reading'] },
    { name: '福城街道快递外卖骑手驿站', at: streets[2], hours: everyDay(range('10:00', '02:00')), extra: ['wifi'] },
    { name: '新哨镇职工驿站', at: rural[0], hours: weekdays(range('08:00', '18:00')), extra: [] },
    { name: '竹园镇户外劳动者服务站', at: rural[2], hours: { ...everyDay(range('07:00', '20:00')), closedOnHolidays: true }, extra: ['barrier-free'] },
  ]
  for (const r of restPosts) {
    add({ kind: 'rest-post', level: null, name: r.name, district: r.at.name, unit: `${r.at.name}总工会`, code: r.at.code, location: near(seats.get(r.at.code)!, 900), hours: r.hours, amenities: [...REST, ...r.extra], services: '饮水、热饭、休息、如厕、手机充电、应急药品' })
  }

  const teams = [
    { name: '弥勒市职工法律服务专家团队', services: '劳动争议咨询、法律援助申请指导、欠薪维权' },
    { name: '弥勒市职工医疗健康专家团队', services: '大病救助政策咨询、健康义诊、就医指导' },
    { name: '弥勒市职工心理疏导专家团队', services: '心理咨询、情绪疏导、困难家庭心理关爱' },
  ]
  for (const t of teams) {
    add({ kind: 'expert-team', level: null, name: t.name, district: streets[0].name, unit: '弥勒市总工会', location: near(URBAN_CENTRE, 600), hours: weekdays(range('09:00', '12:00'), range('14:30', '17:30')), amenities: ['water', 'rest', 'barrier-free'], services: t.services })
  }
  return out
}

/** Writes the demo stations once (in one transaction), unless a demo station is already there. */
export async function seedDemoStations(store: Store, at: Date): Promise<boolean> {
  const stations = demoStations(at)
  if (await store.repos.stations.get(stations[0].id)) return false
  await store.transaction(async (repos) => {
    for (const s of stations) await repos.stations.upsert(s)
  })
  return true
}

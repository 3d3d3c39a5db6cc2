import fc from 'fast-check'
import { stationsActions } from './api/stations'
import { AMENITIES, AMENITY_CODES, STATION_KINDS, StationInputSchema } from './station'
import { problemsByField, validate } from './validate'
import { everyDay } from './opening-hours'

const station = {
  externalId: 'MILE-001',
  kind: 'rest-post',
  name: '弥阳街道职工驿站',
  address: '弥勒市弥阳街道髯翁路1号',
  district: '弥阳街道',
  location: { lng: 103.4365, lat: 24.4105 },
  phone: '0873-7120000',
  hours: everyDay({ from: '08:00', to: '20:00' }),
  amenities: ['water', 'meal-heating'],
}

describe('station input schema', () => {
  it('accepts a station and fills the defaults', () => {
    const r = validate(StationInputSchema, { ...station, name: ' 弥阳街道职工驿站 ' })
    expect(r).toEqual({
      ok: true,
      value: { ...station, level: null, services: '', photos: [], unitName: '', status: 'open', verifiedOn: null, hours: { ...station.hours } },
    })
  })

  it.each([
    ['name', '', '请填写站点名称'],
    ['name', '站'.repeat(61), '站点名称不能超过60个字'],
    ['kind', 'shop', '请选择站点类型'],
    ['level', 'city', '帮扶服务站点请选择级别；其他类型不分级别'],
    ['location', { lng: 24.4105, lat: 103.4365 }, '纬度应在-90到90之间'],
    ['location', { lng: 2.35, lat: 48.85 }, '位置不在中国境内，请检查经纬度是否填反'],
    ['phone', '电话', '联系电话只能包含数字、空格和“-”'],
    ['amenities', ['water', 'sauna'], '服务设施不在可选范围内'],
    ['amenities', ['water', 'water'], '服务设施不能重复'],
    ['photos', ['http://example.org/a.jpg'], '照片应为 cloud:// 文件或 https:// 地址'],
    ['verifiedOn', '2026-3-1', '核实日期格式应为 2026-03-01'],
    ['externalId', 'a b', '站点外部编号只能包含字母、数字、汉字和 . : - _'],
  ])('%s = %j -> %s', (field, value, message) => {
    const r = validate(StationInputSchema, { ...station, [field]: value })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(Object.values(problemsByField(r.problems))[0]).toBe(message)
  })

  it('an aid station needs its level, other kinds have none', () => {
    expect(validate(StationInputSchema, { ...station, kind: 'aid' }).ok).toBe(false)
    expect(validate(StationInputSchema, { ...station, kind: 'aid', level: 'township' }).ok).toBe(true)
  })

  it('names a missing field of a nested station by its label', () => {
    const { name: _n, ...rest } = station
    const r = validate(stationsActions.create.input, { station: rest })
    expect(!r.ok && r.problems[0]).toEqual({ field: 'station.name', message: '请填写站点名称' })
    const nearby = validate(stationsActions.nearby.input, { lng: 103.4 })
    expect(!nearby.ok && nearby.problems[0]).toEqual({ field: 'lat', message: '请填写纬度' })
  })

  it('keeps its lists as data with Chinese labels', () => {
    expect(AMENITIES).toHaveLength(10)
    expect(AMENITY_CODES).toContain('meal-heating')
    expect(STATION_KINDS.map((k) => k.label)).toEqual(['帮扶服务站点', '职工驿站', '专家服务团队'])
  })

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.anything(), (x) => expect(typeof validate(StationInputSchema, x).ok).toBe('boolean')), { numRuns: 1000 })
  })
})

describe('nearby input', () => {
  it('defaults to 50 km, 20 a page, every kind, from the start', () => {
    expect(validate(stationsActions.nearby.input, { lng: 103.4, lat: 24.4 })).toEqual({
      ok: true,
      value: { lng: 103.4, lat: 24.4, radiusM: 50000, kinds: [], amenities: [], openNow: false, cursor: 0, pageSize: 20 },
    })
  })
  it('refuses a radius over 50 km', () => {
    const r = validate(stationsActions.nearby.input, { lng: 103.4, lat: 24.4, radiusM: 60000 })
    expect(!r.ok && r.problems[0].message).toBe('搜索范围最大50公里')
  })
})

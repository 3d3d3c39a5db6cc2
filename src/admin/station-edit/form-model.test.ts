import type { StationView } from '@/domain/api/stations'
import { everyDay } from '@/domain/opening-hours'
import { EMPTY_FORM, fieldOfPath, formOf, toStation, type StationFormValues } from './form-model'

const filled = (over: Partial<StationFormValues> = {}): StationFormValues => ({
  ...EMPTY_FORM,
  kind: 'rest-post',
  name: '弥阳街道环卫职工驿站',
  address: '弥勒市弥阳街道髯翁路1号',
  district: '弥阳街道',
  lng: '103.4365',
  lat: '24.4105',
  phone: '0873-7120000',
  hoursText: '每天 07:00-21:00',
  amenities: ['water', 'meal-heating'],
  ...over,
})

describe('the admin station form', () => {
  it('turns a filled form into the station the server takes', () => {
    const r = toStation(filled({ closedDatesText: '2026-10-01，2026年10月2日', closedOnHolidays: true, verifiedOn: '2026-03-01' }))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.station).toMatchObject({ kind: 'rest-post', level: null, location: { lng: 103.4365, lat: 24.4105 }, verifiedOn: '2026-03-01' })
    expect(r.station.hours).toEqual({ ...everyDay({ from: '07:00', to: '21:00' }), closedOnHolidays: true, closedDates: ['2026-10-01', '2026-10-02'] })
    expect(r.station).not.toHaveProperty('externalId')
    // No unit chosen yet: the server puts it in the admin's own; a chosen one is sent.
    expect(r.station).not.toHaveProperty('unitId')
    const inUnit = toStation(filled({ unitId: 'unit-532504001' }))
    expect(inUnit.ok && inUnit.station.unitId).toBe('unit-532504001')
    expect(fieldOfPath('station.unitId')).toBe('unitId')
  })

  it('puts each problem beside its field, in the schema\'s words', () => {
    const r = toStation(filled({ kind: 'aid', name: ' ', lng: '', lat: '91', hoursText: '周八 09:00-17:00', closedDatesText: '2026-13-01', phone: 'abc' }))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toMatchObject({
      name: '请填写站点名称',
      lng: '经度应为数字',
      lat: '纬度应在-90到90之间',
      phone: '联系电话只能包含数字、空格和“-”',
      closedDatesText: '日期格式应为 2026-10-01',
    })
    expect(r.errors.hoursText).toContain('周八')
  })

  it('asks for the level of an aid station, and for a kind at all', () => {
    const aid = toStation(filled({ kind: 'aid' }))
    expect(!aid.ok && aid.errors.level).toBe('帮扶服务站点请选择级别；其他类型不分级别')
    const none = toStation(filled({ kind: '' }))
    expect(!none.ok && none.errors.kind).toBe('请选择站点类型')
  })

  it('catches swapped coordinates', () => {
    const r = toStation(filled({ lng: '24.4105', lat: '103.4365' }))
    expect(!r.ok && (r.errors.lat ?? r.errors.lng)).toBeTruthy()
  })

  it('reads a stored station back into the same station', () => {
    const view = { ...toStationOk(filled({ externalId: 'MILE-1', verifiedOn: '2026-01-15' })), id: 's1', photos: ['https://example.org/a.jpg'] } as unknown as StationView
    expect(formOf({ ...view, hours: { ...view.hours, closedDates: ['2026-10-01', '2026-10-02'] } }).closedDatesText).toBe('2026年10月1日，2026年10月2日')
    const again = toStation(formOf(view))
    expect(again.ok && again.station).toMatchObject({ externalId: 'MILE-1', photos: ['https://example.org/a.jpg'], hours: view.hours })
  })

  it('leaves the id the app made up off the form, and sends none back (the server keeps it)', () => {
    const view = { ...toStationOk(filled({ externalId: 'lantian:BWwOl4' })), id: 'BWwOl4' } as unknown as StationView
    expect(formOf(view).externalId).toBe('')
    const again = toStation(formOf(view))
    expect(again.ok && again.station).not.toHaveProperty('externalId')
  })

  it('maps server field paths onto the form', () => {
    expect(fieldOfPath('station.externalId')).toBe('externalId')
    expect(fieldOfPath('station.location')).toBe('lng')
    expect(fieldOfPath('station.hours.closedDates.0')).toBe('closedDatesText')
    expect(fieldOfPath('station.hours.week')).toBe('hoursText')
    expect(fieldOfPath('version')).toBeNull()
  })
})

function toStationOk(values: StationFormValues) {
  const r = toStation(values)
  if (!r.ok) throw new Error(JSON.stringify(r.errors))
  return r.station
}

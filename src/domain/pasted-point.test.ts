import { fromGcj02 } from './geo'
import { parsePastedPoint } from './pasted-point'

const TIANANMEN = { lng: 116.3975, lat: 39.9087 }

describe('parsePastedPoint', () => {
  test.each([
    ['116.3975,39.9087'],
    ['39.9087, 116.3975'],
    ['116.3975 39.9087'],
    ['116.3975，39.9087'],
    ['经度：116.3975 纬度：39.9087'],
    ['纬度 39.9087，经度 116.3975'],
    ['lat=39.9087&lng=116.3975'],
    ['https://uri.amap.com/marker?position=116.3975,39.9087&name=天安门'],
    ['  \n116.3975,39.9087\n'],
  ])('reads %j as GCJ-02 as it is', (text) => {
    expect(parsePastedPoint(text, 'gcj02')).toEqual({ ok: true, point: TIANANMEN })
  })

  test.each(['wgs84', 'bd09'] as const)('converts a %s point to GCJ-02', (from) => {
    const given = fromGcj02(TIANANMEN, from)
    const r = parsePastedPoint(`${given.lng.toFixed(7)},${given.lat.toFixed(7)}`, from)
    if (!r.ok) throw new Error(r.message)
    expect(r.point.lng).toBeCloseTo(TIANANMEN.lng, 4)
    expect(r.point.lat).toBeCloseTo(TIANANMEN.lat, 4)
    // The systems differ by hundreds of metres: the conversion did something.
    expect(Math.abs(given.lng - TIANANMEN.lng) + Math.abs(given.lat - TIANANMEN.lat)).toBeGreaterThan(0.001)
  })

  test.each([
    ['', '请粘贴'],
    ['天安门', '没有找到坐标'],
    ['116.3975,39.9087 和 121.4737,31.2304', '不止一个坐标'],
    ['2.3522,48.8566', '不在中国境内'],
    ['经度 39.9087 纬度 116.3975', '不在中国境内'],
    ['116.39,39.90', '不够精确'],
    ['12958175,4825923', '没有找到坐标'],
  ])('refuses %j with a message containing %j', (text, words) => {
    const r = parsePastedPoint(text, 'gcj02')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toContain(words)
  })

  test('the same point written twice is one point, not two', () => {
    expect(parsePastedPoint('116.3975,39.9087 (116.3975,39.9087)', 'gcj02')).toEqual({ ok: true, point: TIANANMEN })
  })
})
